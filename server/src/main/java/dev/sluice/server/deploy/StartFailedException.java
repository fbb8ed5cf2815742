package dev.sluice.server.deploy;

/** A pipeline's job was submitted but did not reach a running, checkpointing state. */
final class StartFailedException extends DeployException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    StartFailedException(String pipeline, String reason) {
        super("pipeline '%s' did not start: %s".formatted(pipeline, reason));
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
