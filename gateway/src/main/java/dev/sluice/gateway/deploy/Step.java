package dev.sluice.gateway.deploy;

/**
 * One line of a plan, and later of its progress.
 *
 * @param action what deploy does: {@code create}, {@code alter}, {@code drop}, {@code start},
 *     {@code restart}, {@code upgrade}, {@code stop}, or {@code unchanged} / {@code keep} when it
 *     does nothing
 * @param target what it does it to: {@code table transactions}, {@code pipeline fraud_alerts}
 * @param file the file that declares it, or empty
 * @param detail why, in a few words
 * @param status {@code planned}, {@code running}, {@code done}, {@code failed} or {@code skipped}
 * @param message what happened, once it ran
 */
public record Step(
        int index,
        String action,
        String target,
        String file,
        String detail,
        String status,
        String message) {

    static final String PLANNED = "planned";
    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String FAILED = "failed";
    static final String SKIPPED = "skipped";

    /** Whether applying the step changes anything. */
    public boolean changes() {
        return !action.equals("unchanged") && !action.equals("keep");
    }

    Step with(String newStatus, String newMessage) {
        return new Step(index, action, target, file, detail, newStatus, newMessage);
    }
}
