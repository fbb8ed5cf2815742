package dev.sluice.server.topics;

import dev.sluice.policy.Failures;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The topics behind Kafka tables, through Kafka's Admin API: whether one exists, and creating one
 * with the gateway's default partitions when a table needs it. One Admin client per cluster, kept
 * for the gateway's lifetime; every call has a deadline of a few seconds, so a pipeline over a
 * missing topic is refused at once instead of timing out minutes later in the job.
 */
public final class KafkaTopics implements AutoCloseable {

    private static final int TIMEOUT_MS = 5_000;

    private final int partitions;
    private final Map<String, Admin> admins = new ConcurrentHashMap<>();
    private final Map<String, TopicDiscovery> discoveries = new ConcurrentHashMap<>();

    /**
     * @param partitions partitions of the topics Sluice creates: at least the default parallelism,
     *     so that every source task has a partition to read
     */
    public KafkaTopics(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive");
        }
        this.partitions = partitions;
    }

    public int partitions() {
        return partitions;
    }

    /** Whether {@code topic} exists on the cluster at {@code bootstrap}. */
    public boolean exists(String bootstrap, String topic) throws TopicException {
        try {
            admin(bootstrap)
                    .describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw failure("cannot look up topic '%s'".formatted(topic), bootstrap, e.getCause());
        } catch (TimeoutException e) {
            throw failure("cannot look up topic '%s'".formatted(topic), bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while looking up topic '%s'".formatted(topic), bootstrap, e);
        }
    }

    /** Creates {@code topic} with the default partitions unless it exists; whether it did. */
    public boolean ensure(String bootstrap, String topic) throws TopicException {
        return ensure(bootstrap, topic, OptionalInt.empty(), OptionalInt.empty());
    }

    /**
     * Creates {@code topic} unless it exists; returns whether it created it.
     *
     * @param partitions its partitions; the gateway's default when empty
     * @param replication its replication factor; the broker's default when empty
     */
    public boolean ensure(
            String bootstrap, String topic, OptionalInt partitions, OptionalInt replication)
            throws TopicException {
        if (exists(bootstrap, topic)) {
            return false;
        }
        try {
            admin(bootstrap)
                    .createTopics(
                            List.of(
                                    new NewTopic(
                                            topic,
                                            partitions.orElse(this.partitions),
                                            (short) replication.orElse(-1))))
                    .all()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw failure("cannot create topic '%s'".formatted(topic), bootstrap, e.getCause());
        } catch (TimeoutException e) {
            throw failure("cannot create topic '%s'".formatted(topic), bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while creating topic '%s'".formatted(topic), bootstrap, e);
        }
    }

    /** How many partitions {@code topic} has. */
    public int partitionCount(String bootstrap, String topic) throws TopicException {
        try {
            return admin(bootstrap)
                    .describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        } catch (ExecutionException e) {
            throw failure("cannot describe topic '%s'".formatted(topic), bootstrap, e.getCause());
        } catch (TimeoutException e) {
            throw failure("cannot describe topic '%s'".formatted(topic), bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while describing topic '%s'".formatted(topic), bootstrap, e);
        }
    }

    /** The topic's {@code cleanup.policy}, such as {@code delete} or {@code compact}. */
    public String cleanupPolicy(String bootstrap, String topic) throws TopicException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config =
                    admin(bootstrap)
                            .describeConfigs(List.of(resource))
                            .all()
                            .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                            .get(resource);
            ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            return policy == null ? "delete" : policy.value();
        } catch (ExecutionException e) {
            throw failure("cannot read topic '%s'".formatted(topic), bootstrap, e.getCause());
        } catch (TimeoutException e) {
            throw failure("cannot read topic '%s'".formatted(topic), bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while reading topic '%s'".formatted(topic), bootstrap, e);
        }
    }

    private Admin admin(String bootstrap) {
        return admins.computeIfAbsent(
                bootstrap,
                servers ->
                        Admin.create(
                                Map.of(
                                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                                        AdminClientConfig.CLIENT_ID_CONFIG,
                                                "sluice-gateway-topics")));
    }

    private static TopicException failure(String what, String bootstrap, Throwable cause) {
        return new TopicException(
                "%s on Kafka at %s: %s"
                        .formatted(what, bootstrap, Failures.innermostMessage(cause)),
                cause);
    }

    /** The topics of the cluster at {@code bootstrap} as tables: one per cluster, kept open. */
    public TopicDiscovery discovery(String bootstrap) {
        return discoveries.computeIfAbsent(bootstrap, TopicDiscovery::new);
    }

    @Override
    public void close() {
        discoveries.values().forEach(TopicDiscovery::close);
        discoveries.clear();
        admins.values().forEach(Admin::close);
        admins.clear();
    }
}
