package dev.sluice.server.deploy;

/**
 * A deployment step, stop or resume that could not be done; the message says why and what to do.
 */
public class DeployException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeployException(String message) {
        super(message);
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
