package dev.sluice.server.topics;

/** Kafka could not say whether a topic exists, or could not create it; the message says why. */
public final class TopicException extends Exception {

    private static final long serialVersionUID = 1L;

    TopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
