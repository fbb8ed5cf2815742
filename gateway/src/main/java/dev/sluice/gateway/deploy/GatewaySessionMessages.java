package dev.sluice.gateway.deploy;

/** The message that explains a failure: a {@link DeployException}'s own, else the innermost one. */
final class GatewaySessionMessages {

    private GatewaySessionMessages() {}

    static String of(Throwable failure) {
        if (failure instanceof DeployException || failure instanceof JobControlException) {
            return failure.getMessage();
        }
        String message = failure.getMessage();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return message == null ? failure.getClass().getSimpleName() : message;
    }
}
