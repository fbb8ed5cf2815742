package dev.sluice.catalog.store;

/** The catalog database cannot be used; the message says why and which option to fix. */
public final class CatalogStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogStoreException(String message) {
        super(message);
    }

    public CatalogStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
