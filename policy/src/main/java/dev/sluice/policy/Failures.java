package dev.sluice.policy;

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

    /**
     * {@code text} safe to print on a console or in a log: control characters (ANSI escapes,
     * carriage returns, line breaks a statement could use to forge log lines) become {@code
     * \\uXXXX}.
     */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints()
                .forEach(
                        c -> {
                            if (Character.isISOControl(c) && c != '\t' || isFormatting(c)) {
                                out.append("\\u%04x".formatted(c));
                            } else {
                                out.appendCodePoint(c);
                            }
                        });
        return out.toString();
    }

    /** Bidirectional overrides and similar characters that make text read other than it is. */
    private static boolean isFormatting(int c) {
        return Character.getType(c) == Character.FORMAT;
    }
}
