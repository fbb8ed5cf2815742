package dev.sluice.gateway.stack;

import java.util.Deque;

/** Closing what started, newest first, without letting one failure hide another. */
final class Started {

    private Started() {}

    /** Closes every resource; their failures end up suppressed in {@code failure}. */
    static void closeAll(Deque<AutoCloseable> resources, RuntimeException failure) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
