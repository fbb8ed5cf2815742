package dev.sluice.testkit;

import static org.awaitility.Awaitility.await;

import dev.sluice.runtime.SluiceStack;
import java.time.Duration;

/** Jobs of the shared stack: INSERT jobs outlive their sessions, so tests end them. */
public final class Jobs {

    private Jobs() {}

    /** Cancels every running job and waits until none is left, cancelling ones included. */
    public static void cancelAll(SluiceStack stack) {
        stack.flink().cancelAll();
        await().atMost(Duration.ofMinutes(1)).until(() -> stack.flink().runningJobs().isEmpty());
    }
}
