package dev.sluice.server.deploy;

/** A statement the gateway refused or failed to run; the message says which and why. */
public final class StatementFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StatementFailedException(String message) {
        super(message);
    }
}
