package dev.sluice.catalog.store;

/**
 * Another client changed a catalog object between this client's read and its write. Nothing was
 * written; running the statement again applies it to the new state.
 */
public final class ConcurrentChangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConcurrentChangeException(String what) {
        super(
                "%s was changed by another client at the same time; nothing was written. Run the statement again."
                        .formatted(what));
    }
}
