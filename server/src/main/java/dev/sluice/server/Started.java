package dev.sluice.server;

import java.util.Deque;

/** Closing what started, newest first, without letting one failure hide another. */
public final class Started {

    private Started() {}

    /** Closes every resource; their failures end up suppressed in {@code failure}. */
    public static void closeAll(Deque<AutoCloseable> resources, RuntimeException failure) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
