package dev.sluice.gateway;

/** What to tell a person about an exception. */
public final class Failures {

    private Failures() {}

    /**
     * The innermost non-blank message in the cause chain: the one that explains a failure that
     * layers of wrapping (Flink's, the JDK's) have buried; the class name when none has one.
     */
    public static String innermostMessage(Throwable failure) {
        String message = null;
        Throwable last = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            last = t;
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return message == null ? last.getClass().getSimpleName() : message;
    }
}
