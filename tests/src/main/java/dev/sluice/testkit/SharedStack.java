package dev.sluice.testkit;

import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.runtime.StackOptions;
import dev.sluice.server.GatewayOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * One Sluice stack (Kafka broker, Flink mini cluster, gateway) per test JVM, on free ports, closed
 * when the JVM's tests are done. Tests keep apart by naming their own topics.
 */
public final class SharedStack implements BeforeAllCallback {

    private static final Namespace NAMESPACE = Namespace.create(SharedStack.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    /** The JVM's stack, started on first use. */
    public static SluiceStack stack(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent("stack", key -> new Resource(start()), Resource.class)
                .stack();
    }

    private static SluiceStack start() {
        try {
            Path dataDir = Files.createTempDirectory("sluice-it-");
            return SluiceStack.start(
                    new StackOptions(
                            new GatewayOptions(GatewayOptions.LOOPBACK, 0),
                            0,
                            dataDir,
                            2,
                            Optional.empty(),
                            Duration.ofMillis(500),
                            Optional.empty(),
                            GuardPolicy.defaults(),
                            Set.of("exempt_sink")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * JUnit closes {@link AutoCloseable} values of the root store when the test JVM's tests end.
     */
    private record Resource(SluiceStack stack) implements AutoCloseable {
        @Override
        public void close() {
            stack.close();
        }
    }
}
