package dev.sluice.server.deploy;

/** Flink refused or failed a job operation: a savepoint, a cancel, a status request. */
public final class JobControlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JobControlException(String message) {
        super(message);
    }

    public JobControlException(String message, Throwable cause) {
        super(message, cause);
    }
}
