package dev.sluice.server;

import dev.sluice.policy.Failures;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Checks that an external Kafka cluster answers before anything else starts. */
public final class ExternalKafka {

    private static final int TIMEOUT_SECONDS = 10;

    private ExternalKafka() {}

    public static void checkReachable(String bootstrapServers) {
        Map<String, Object> config =
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().clusterId().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while connecting to Kafka", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new StartupException(
                    "cannot reach Kafka at %s within %d s: %s (check --kafka-bootstrap)"
                            .formatted(
                                    bootstrapServers,
                                    TIMEOUT_SECONDS,
                                    Failures.innermostMessage(e)),
                    e);
        }
    }
}
