package dev.sluice.policy.eo;

/**
 * A statement that Sluice will not run, with a message for the user that says where, what and how
 * to fix it.
 */
public final class StatementRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public StatementRejectedException(String message) {
        super(message);
    }
}
