package dev.sluice.server;

/**
 * The stack could not start; the message names the problem and the flag or setting that fixes it,
 * and is meant to be printed to the user as it is.
 */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
