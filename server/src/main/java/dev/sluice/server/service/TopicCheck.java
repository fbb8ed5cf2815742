package dev.sluice.server.service;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.eo.KafkaOptions;
import dev.sluice.policy.eo.SluiceOptions;
import dev.sluice.policy.guard.Finding;
import dev.sluice.policy.guard.Rule;
import dev.sluice.server.topics.DeadLetterTopics;
import dev.sluice.server.topics.KafkaTopics;
import dev.sluice.server.topics.TopicException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.calcite.sql.SqlNode;
import org.apache.flink.sql.parser.ddl.table.SqlCreateTable;
import org.apache.flink.sql.parser.ddl.table.SqlCreateTableLike;
import org.apache.flink.table.catalog.ObjectIdentifier;

/**
 * Kafka tables and their topics are one thing: a table created through the gateway gets its topic
 * (created with the gateway's default partitions when missing, used as it is when present), a
 * pipeline's sink topics are created the same way, and a pipeline whose source topic is missing is
 * refused before it is submitted, with the table, the topic, the cluster and the fix. Topics are
 * never deleted: dropping a table leaves its topic and its records.
 */
final class TopicCheck {

    private final Optional<KafkaTopics> topics;
    private final Optional<String> defaultBootstrap;

    TopicCheck(Optional<KafkaTopics> topics, Optional<String> defaultBootstrap) {
        this.topics = requireNonNull(topics, "topics is null");
        this.defaultBootstrap = requireNonNull(defaultBootstrap, "defaultBootstrap is null");
    }

    /** {@code CREATE TABLE} (and CTAS) of a Kafka table: its topics exist before the table does. */
    List<Finding> forDefinition(SqlNode node) {
        if (!(node instanceof SqlCreateTable create) || node instanceof SqlCreateTableLike) {
            return List.of();
        }
        String table = String.join(".", create.getFullName());
        return forTable(table, create.getProperties());
    }

    /** A table's definition written into the catalog directly: its topics exist first. */
    List<Finding> forTable(String table, Map<String, String> options) {
        List<Finding> findings = new ArrayList<>(ensure(table, options, true));
        if (findings.isEmpty()) {
            findings.addAll(fewerPartitions(table, options));
        }
        return findings;
    }

    /** A statement that starts a job: sources must exist, sinks are created when missing. */
    List<Finding> forPipeline(
            Map<ObjectIdentifier, Map<String, String>> tables, Set<ObjectIdentifier> sinks) {
        List<Finding> findings = new ArrayList<>();
        tables.forEach(
                (id, options) ->
                        findings.addAll(ensure(id.asSummaryString(), options, sinks.contains(id))));
        return findings;
    }

    private List<Finding> ensure(String table, Map<String, String> options, boolean create) {
        if (topics.isEmpty()
                || !KafkaOptions.isKafka(options)
                || options.containsKey("topic-pattern")) {
            return List.of();
        }
        Optional<String> bootstrap = bootstrapOf(options);
        if (bootstrap.isEmpty() || !options.containsKey("topic")) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (String topic : topicsOf(options)) {
            try {
                if (create) {
                    boolean created =
                            topics.get()
                                    .ensure(
                                            bootstrap.get(),
                                            topic,
                                            SluiceOptions.partitions(options),
                                            SluiceOptions.replication(options));
                    if (!created) {
                        compacted(table, topic, bootstrap.get(), options).ifPresent(findings::add);
                    }
                } else if (!topics.get().exists(bootstrap.get(), topic)) {
                    findings.add(missing(table, topic, bootstrap.get()));
                } else {
                    // A table that is read gets its dead-letter topic before its job starts.
                    DeadLetterTopics.ofReadTable(table, options)
                            .ifPresent(
                                    dlq -> {
                                        try {
                                            topics.get().ensure(bootstrap.get(), dlq);
                                        } catch (TopicException e) {
                                            findings.add(
                                                    Finding.error(
                                                            Rule.KAFKA_TOPIC,
                                                            1,
                                                            1,
                                                            "table '%s': its dead-letter topic: %s"
                                                                    .formatted(
                                                                            table, e.getMessage()),
                                                            ("create topic '%s' yourself, or set 'sluice.on-error' = 'skip'"
                                                                            + " (bad records counted, not kept) or 'fail'")
                                                                    .formatted(dlq)));
                                        }
                                    });
                }
            } catch (TopicException e) {
                findings.add(
                        Finding.error(
                                Rule.KAFKA_TOPIC,
                                1,
                                1,
                                "table '%s': %s".formatted(table, e.getMessage()),
                                "check that Kafka is reachable and lets the gateway create topics"
                                        + " (ACLs), or create topic '%s' yourself"
                                                .formatted(topic)));
            }
        }
        return findings;
    }

    /**
     * A table that asks for more partitions than its existing topic has: Kafka cannot be asked to
     * change that silently (adding partitions moves keys), so the user decides.
     */
    private List<Finding> fewerPartitions(String table, Map<String, String> options) {
        OptionalInt asked = SluiceOptions.partitions(options);
        Optional<String> bootstrap = bootstrapOf(options);
        if (asked.isEmpty()
                || topics.isEmpty()
                || !KafkaOptions.isKafka(options)
                || bootstrap.isEmpty()
                || !options.containsKey("topic")) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (String topic : topicsOf(options)) {
            try {
                int actual = topics.get().partitionCount(bootstrap.get(), topic);
                if (actual < asked.getAsInt()) {
                    findings.add(
                            Finding.error(
                                    Rule.KAFKA_TOPIC,
                                    1,
                                    1,
                                    "table '%s' asks for %d partitions ('%s'), but its topic '%s' exists with %d"
                                            .formatted(
                                                    table,
                                                    asked.getAsInt(),
                                                    SluiceOptions.TOPIC_PARTITIONS,
                                                    topic,
                                                    actual),
                                    ("set '%s' = '%d' to use the topic as it is, or add partitions:"
                                                    + " kafka-topics.sh --bootstrap-server %s --alter --topic %s --partitions %d"
                                                    + " (records with the same key then land in another partition)")
                                            .formatted(
                                                    SluiceOptions.TOPIC_PARTITIONS,
                                                    actual,
                                                    bootstrap.get(),
                                                    topic,
                                                    asked.getAsInt())));
                }
            } catch (TopicException e) {
                findings.add(
                        Finding.error(
                                Rule.KAFKA_TOPIC,
                                1,
                                1,
                                "table '%s': %s".formatted(table, e.getMessage()),
                                "check that Kafka is reachable"));
            }
        }
        return findings;
    }

    /**
     * An append table over a compacted topic: Kafka would delete records the table's readers have
     * not seen, keeping only the newest per key. Reported, never changed on the topic.
     */
    private Optional<Finding> compacted(
            String table, String topic, String bootstrap, Map<String, String> options)
            throws TopicException {
        boolean append = KafkaOptions.isAppendKafka(options);
        if (!append || !topics.orElseThrow().cleanupPolicy(bootstrap, topic).contains("compact")) {
            return Optional.empty();
        }
        return Optional.of(
                Finding.error(
                        Rule.KAFKA_TOPIC,
                        1,
                        1,
                        "table '%s' is an append table ('connector' = 'kafka'), but topic '%s' is compacted: Kafka would drop every record but the newest per key"
                                .formatted(table, topic),
                        "declare it with 'connector' = 'upsert-kafka' and a primary key, or use a topic with cleanup.policy=delete"));
    }

    private Finding missing(String table, String topic, String bootstrap) {
        return Finding.error(
                Rule.KAFKA_TOPIC,
                1,
                1,
                "table '%s' reads topic '%s', which does not exist on Kafka at %s"
                        .formatted(table, topic, bootstrap),
                ("create it: re-create the table through Sluice (tables create their topics), or"
                                + " kafka-topics.sh --bootstrap-server %s --create --topic %s"
                                + " --partitions %d")
                        .formatted(bootstrap, topic, topics.orElseThrow().partitions()));
    }

    /** The cluster a Kafka table names, else the gateway's. */
    private Optional<String> bootstrapOf(Map<String, String> options) {
        return Optional.ofNullable(options.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .or(() -> defaultBootstrap);
    }

    /** The topics of a table's {@code 'topic'} option ({@code a;b} names two). */
    private static List<String> topicsOf(Map<String, String> options) {
        return Arrays.stream(options.get("topic").split(";")).map(String::strip).toList();
    }
}
