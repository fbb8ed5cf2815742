package dev.sluice.catalog.store;

/** A row of the catalog database that Sluice cannot read; the message names the object. */
public final class CorruptedRowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CorruptedRowException(String what, Throwable cause) {
        super(
                "the catalog entry for %s is corrupted and cannot be read (%s); drop and re-create it, or restore the catalog database from a backup"
                        .formatted(what, cause.getMessage()),
                cause);
    }
}
