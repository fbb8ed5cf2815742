package dev.sluice.server.deploy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One line of a plan, and later of its progress.
 *
 * @param action what deploy does
 * @param target what it does it to: {@code table transactions}, {@code pipeline fraud_alerts}
 * @param file the file that declares it, or empty
 * @param detail why, in a few words
 * @param status where the step is
 * @param message what happened, once it ran
 */
public record Step(
        int index,
        Action action,
        String target,
        String file,
        String detail,
        Status status,
        String message) {

    /** What a step does; in JSON and on screen by its lower-case name. */
    public enum Action {
        CREATE,
        ALTER,
        DROP,
        START,
        RESTART,
        UPGRADE,
        STOP,
        /** The registry catches up with a job an interrupted deploy left running. */
        RECORD,
        UNCHANGED,
        /**
         * Left as it is, with the reason (stopped by a user, or its file is gone without --prune).
         */
        KEEP;

        /** Whether a step with this action changes anything. */
        public boolean changes() {
            return this != UNCHANGED && this != KEEP;
        }

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where a step is; in JSON and on screen by its lower-case name. */
    public enum Status {
        PLANNED,
        RUNNING,
        DONE,
        FAILED,
        SKIPPED;

        /** Whether the step has run (or never will). */
        public boolean finished() {
            return this == DONE || this == FAILED || this == SKIPPED;
        }

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Step planned(int index, Action action, String target, String file, String detail) {
        return new Step(index, action, target, file, detail, Status.PLANNED, "");
    }

    /** Whether applying the step changes anything. */
    public boolean changes() {
        return action.changes();
    }

    Step with(Status newStatus, String newMessage) {
        return new Step(index, action, target, file, detail, newStatus, newMessage);
    }
}
