package dev.sluice.server.deadletters;

import static java.util.Objects.requireNonNull;

import dev.sluice.catalog.store.CatalogStore;
import dev.sluice.catalog.store.DeadLetterReplays;
import dev.sluice.catalog.store.StoredObject;
import dev.sluice.policy.eo.KafkaOptions;
import dev.sluice.server.deploy.FlinkJobs;
import dev.sluice.server.topics.DeadLetterTopics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What {@code sluice dlq} shows: the tables of the catalog with a dead-letter topic, and their dead
 * letters, each source record once (a failover can write one twice; its coordinates identify it).
 * Reads are bounded: at most {@link #SCAN_LIMIT} records of a topic, within {@link #SCAN_TIME}.
 */
public final class DeadLetters {

    static final int SCAN_LIMIT = 100_000;
    static final Duration SCAN_TIME = Duration.ofSeconds(10);

    /** The header naming the replay a replayed record belongs to. */
    static final String REPLAY_ID = "sluice.replay.id";

    private final CatalogStore catalog;
    private final String bootstrap;
    private final FlinkJobs jobs;
    private final ReplayObserver observer;

    /**
     * Where a replay is between its Kafka commit and its confirmation: for fault-injection tests.
     */
    @FunctionalInterface
    public interface ReplayObserver {
        /** The replay's transaction committed; the catalog does not know it yet. */
        void committed(String replayId);
    }

    /**
     * @param jobs the cluster whose running jobs a replay looks at: one that reads the table and
     *     whose watermark is past the dead letters' event times would drop them as late
     */
    public DeadLetters(CatalogStore catalog, String bootstrap, FlinkJobs jobs) {
        this(catalog, bootstrap, jobs, id -> {});
    }

    public DeadLetters(
            CatalogStore catalog, String bootstrap, FlinkJobs jobs, ReplayObserver observer) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.bootstrap = requireNonNull(bootstrap, "bootstrap is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.observer = requireNonNull(observer, "observer is null");
    }

    /** A table with a dead-letter topic and what the topic holds. */
    public record Table(
            String table,
            String topic,
            long records,
            String first,
            String last,
            Map<String, Long> byError) {}

    /** One dead letter: the source record's coordinates, why it failed, and its bytes. */
    public record Letter(
            String sourceTopic,
            int sourcePartition,
            long sourceOffset,
            String sourceTimestamp,
            String pipeline,
            String errorClass,
            String errorMessage,
            String key,
            String value,
            String encoding) {}

    /**
     * What a replay did (or, dry, would do).
     *
     * @param replayed dead letters produced again now
     * @param replayedBefore dead letters of the table that an earlier replay produced already
     * @param topics where they went: the topics they came from, or the one asked for
     * @param late for each running job that reads the table and whose watermark is past some of the
     *     dead letters' event times: what it will do with them
     */
    public record Replay(
            String table,
            long replayed,
            long replayedBefore,
            List<String> topics,
            boolean dryRun,
            List<String> late) {}

    /**
     * Produces the table's dead letters again, each once: into the topic each came from, or into
     * {@code to}, in one Kafka transaction, with their original key, value and headers (and {@code
     * sluice.replay.of} naming the dead letter, {@code sluice.replay.id} the replay). Dead letters
     * replayed before are left out, so a second replay is a no-op. The replay is written down
     * before its transaction commits and confirmed after; one left pending by a gateway that died
     * in between is confirmed (its records are in Kafka) or forgotten (they are not) first. Empty
     * when the table has no dead-letter topic.
     *
     * @throws IllegalArgumentException when {@code to} is not an existing topic
     */
    public Optional<Replay> replay(String table, Optional<String> to, boolean dryRun, String user) {
        Optional<Map.Entry<String, String>> match =
                deadLetterTopics().entrySet().stream()
                        .filter(e -> matches(e.getKey(), table))
                        .findFirst();
        if (match.isEmpty()) {
            return Optional.empty();
        }
        to.ifPresent(this::requireTopic);
        String qualified = match.get().getKey();
        DeadLetterReplays replays = catalog.deadLetterReplays();
        if (dryRun) {
            // Until a replay resolves them, a pending replay's letters count as replayed.
            Set<DeadLetterReplays.Coordinates> before = new HashSet<>(replays.replayed(qualified));
            replays.pending(qualified).forEach(p -> before.addAll(replays.lettersOf(p.id())));
            return Optional.of(
                    replay(qualified, pending(match.get().getValue(), before), to, before, true));
        }
        try (KafkaProducer<byte[], byte[]> producer = transactional(qualified)) {
            // Fences the transaction of a replay whose gateway died: it can no longer commit.
            producer.initTransactions();
            for (DeadLetterReplays.PendingReplay unknown : replays.pending(qualified)) {
                if (committed(unknown)) {
                    replays.confirm(unknown.id());
                } else {
                    replays.forget(unknown.id());
                }
            }
            Set<DeadLetterReplays.Coordinates> before = replays.replayed(qualified);
            List<ConsumerRecord<byte[], byte[]>> letters = pending(match.get().getValue(), before);
            Replay replay = replay(qualified, letters, to, before, false);
            if (!letters.isEmpty()) {
                String id = UUID.randomUUID().toString();
                replays.begin(
                        qualified,
                        id,
                        letters.stream().map(DeadLetters::coordinates).toList(),
                        replay.topics(),
                        user,
                        System.currentTimeMillis());
                try {
                    produce(producer, id, letters, to);
                } catch (RuntimeException e) {
                    // Not committed: the next replay produces these letters.
                    replays.forget(id);
                    throw e;
                }
                observer.committed(id);
                replays.confirm(id);
            }
            return Optional.of(replay);
        }
    }

    /** The letters of the topic not in {@code before}, each source record once. */
    private List<ConsumerRecord<byte[], byte[]>> pending(
            String topic, Set<DeadLetterReplays.Coordinates> before) {
        List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : read(topic, SCAN_LIMIT)) {
            if (!before.contains(coordinates(record))) {
                pending.add(record);
            }
        }
        return pending;
    }

    /** What replaying {@code pending} (read once from the dead-letter topic) does. */
    private Replay replay(
            String qualified,
            List<ConsumerRecord<byte[], byte[]>> pending,
            Optional<String> to,
            Set<DeadLetterReplays.Coordinates> before,
            boolean dryRun) {
        List<String> topics =
                to.map(List::of)
                        .orElseGet(
                                () ->
                                        pending.stream()
                                                .map(r -> header(r, "sluice.source.topic"))
                                                .distinct()
                                                .sorted()
                                                .toList());
        return new Replay(
                qualified,
                pending.size(),
                before.size(),
                topics,
                dryRun,
                lateness(qualified, pending));
    }

    private KafkaProducer<byte[], byte[]> transactional(String table) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sluice-dlq-replay-" + table);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void produce(
            KafkaProducer<byte[], byte[]> producer,
            String replayId,
            List<ConsumerRecord<byte[], byte[]>> letters,
            Optional<String> to) {
        producer.beginTransaction();
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            RecordHeaders headers = new RecordHeaders();
            for (Header header : letter.headers()) {
                if (!header.key().startsWith("sluice.")) {
                    headers.add(header);
                }
            }
            headers.add(
                    "sluice.replay.of",
                    "%s/%d@%d"
                            .formatted(letter.topic(), letter.partition(), letter.offset())
                            .getBytes(StandardCharsets.UTF_8));
            headers.add(REPLAY_ID, replayId.getBytes(StandardCharsets.UTF_8));
            producer.send(
                    new ProducerRecord<>(
                            to.orElse(header(letter, "sluice.source.topic")),
                            null,
                            null,
                            letter.key(),
                            letter.value(),
                            headers));
        }
        producer.commitTransaction();
    }

    /**
     * Whether a pending replay's transaction committed: its records, which carry its id, are in one
     * of its topics (read committed, from a minute before it started).
     */
    private boolean committed(DeadLetterReplays.PendingReplay replay) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-dlq");
        byte[] id = replay.id().getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<String, List<org.apache.kafka.common.PartitionInfo>> known =
                    consumer.listTopics(Duration.ofSeconds(5));
            List<TopicPartition> partitions =
                    replay.topics().stream()
                            .flatMap(t -> known.getOrDefault(t, List.of()).stream())
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            if (partitions.isEmpty()) {
                return false;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(p -> since.put(p, replay.startedAtMs() - 60_000));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(5));
            consumer.offsetsForTimes(since, Duration.ofSeconds(5))
                    .forEach(
                            (p, found) ->
                                    consumer.seek(p, found == null ? end.get(p) : found.offset()));
            long deadline = System.nanoTime() + SCAN_TIME.toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    Header header = record.headers().lastHeader(REPLAY_ID);
                    if (header != null && java.util.Arrays.equals(header.value(), id)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /**
     * What the running jobs that read the table will do with the letters: a job whose watermark is
     * at or past a letter's event time drops it as late. Event times are read where the table makes
     * that plain ({@link EventTimes}); otherwise the watermark is named for the user to judge.
     */
    private List<String> lateness(String qualified, List<ConsumerRecord<byte[], byte[]>> letters) {
        if (letters.isEmpty()) {
            return List.of();
        }
        List<String> path = List.of(qualified.split("\\.", 3));
        Optional<EventTimes> times =
                catalog.object(path.get(1), path.get(2))
                        .flatMap(o -> EventTimes.of(o.definition()));
        List<String> late = new ArrayList<>();
        for (FlinkJobs.Job listed : jobs.jobs()) {
            if (listed.state() != JobStatus.RUNNING) {
                continue;
            }
            Optional<FlinkJobs.Job> job =
                    jobs.job(listed.id()).filter(j -> FlinkJobs.reads(j, path));
            OptionalLong watermark = job.map(jobs::watermark).orElse(OptionalLong.empty());
            if (watermark.isEmpty()) {
                continue;
            }
            String at = Instant.ofEpochMilli(watermark.getAsLong()).toString();
            if (times.isEmpty()) {
                late.add(
                        "job '%s' reads %s and its watermark is at %s: a dead letter for a window that closed before it is dropped as late (sluice jobs counts it under LATE)"
                                .formatted(listed.name(), qualified, at));
                continue;
            }
            long behind = 0;
            long unreadable = 0;
            for (ConsumerRecord<byte[], byte[]> letter : letters) {
                OptionalLong time = times.get().millis(letter.value());
                if (time.isEmpty()) {
                    unreadable++;
                } else if (time.getAsLong() <= watermark.getAsLong()) {
                    behind++;
                }
            }
            if (behind > 0) {
                late.add(
                        "%d of the %d dead letters have their %s at or before the watermark of job '%s' (%s): windows over them may have closed, and a record for a closed window is dropped as late (sluice jobs counts it under LATE)%s"
                                .formatted(
                                        behind,
                                        letters.size(),
                                        times.get().column(),
                                        listed.name(),
                                        at,
                                        unreadable == 0
                                                ? ""
                                                : "; %d have no %s Sluice can read"
                                                        .formatted(
                                                                unreadable, times.get().column())));
            }
        }
        return late;
    }

    private void requireTopic(String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            if (!consumer.listTopics(Duration.ofSeconds(5)).containsKey(topic)) {
                throw new IllegalArgumentException(
                        "topic '%s' does not exist on Kafka at %s; create it, or leave out --to to replay into the topics the records came from"
                                .formatted(topic, bootstrap));
            }
        }
    }

    private static DeadLetterReplays.Coordinates coordinates(ConsumerRecord<byte[], byte[]> r) {
        return new DeadLetterReplays.Coordinates(
                header(r, "sluice.source.topic"),
                parseInt(header(r, "sluice.source.partition")),
                parseLong(header(r, "sluice.source.offset")));
    }

    /** Every Kafka table of the catalog whose bad records go to a topic, by name. */
    public List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        for (Map.Entry<String, String> entry : deadLetterTopics().entrySet()) {
            List<ConsumerRecord<byte[], byte[]>> records = read(entry.getValue(), SCAN_LIMIT);
            Map<String, Long> byError = new TreeMap<>();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (ConsumerRecord<byte[], byte[]> record : records) {
                String error = header(record, "sluice.error.class");
                byError.merge(error.substring(error.lastIndexOf('.') + 1), 1L, Long::sum);
                first = Math.min(first, record.timestamp());
                last = Math.max(last, record.timestamp());
            }
            tables.add(
                    new Table(
                            entry.getKey(),
                            entry.getValue(),
                            records.size(),
                            records.isEmpty() ? "" : Instant.ofEpochMilli(first).toString(),
                            records.isEmpty() ? "" : Instant.ofEpochMilli(last).toString(),
                            byError));
        }
        return tables;
    }

    /**
     * The table's dead letters, oldest first, at most {@code limit}; empty when the table is not a
     * Kafka table with a dead-letter topic.
     */
    public Optional<List<Letter>> show(String table, int limit) {
        Optional<Map.Entry<String, String>> match =
                deadLetterTopics().entrySet().stream()
                        .filter(e -> matches(e.getKey(), table))
                        .findFirst();
        return match.map(
                entry -> read(entry.getValue(), limit).stream().map(DeadLetters::letter).toList());
    }

    /** Names as people type them: {@code t}, {@code db.t} or {@code catalog.db.t}. */
    static boolean matches(String qualified, String typed) {
        String plain = typed.replace("`", "");
        return qualified.equals(plain) || qualified.endsWith("." + plain);
    }

    /** Qualified table name → dead-letter topic, for every table of the catalog that has one. */
    Map<String, String> deadLetterTopics() {
        Map<String, String> topics = new TreeMap<>();
        for (String database : catalog.databaseNames()) {
            for (String name : catalog.objectNames(database, Optional.empty())) {
                catalog.object(database, name)
                        .filter(o -> o.kind() == StoredObject.Kind.TABLE)
                        .filter(o -> KafkaOptions.isKafka(o.definition()))
                        .ifPresent(
                                o -> {
                                    String table = "default_catalog." + database + "." + name;
                                    DeadLetterTopics.of(name, o.definition())
                                            .ifPresent(topic -> topics.put(table, topic));
                                });
            }
        }
        return topics;
    }

    /** The topic's records, oldest first, each source record once, at most {@code limit}. */
    private List<ConsumerRecord<byte[], byte[]>> read(String topic, int limit) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-dlq");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer
                            .listTopics(Duration.ofSeconds(5))
                            .getOrDefault(topic, List.of())
                            .stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(5));
            long deadline = System.nanoTime() + SCAN_TIME.toNanos();
            while (records.size() < limit
                    && System.nanoTime() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    String coordinates =
                            header(record, "sluice.source.topic")
                                    + "/"
                                    + header(record, "sluice.source.partition")
                                    + "@"
                                    + header(record, "sluice.source.offset");
                    if (seen.add(coordinates) && records.size() < limit) {
                        records.add(record);
                    }
                }
            }
        }
        records.sort(
                java.util.Comparator.comparingLong(
                                (ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                        .thenComparing(r -> r.partition())
                        .thenComparingLong(r -> r.offset()));
        return records;
    }

    private static Letter letter(ConsumerRecord<byte[], byte[]> record) {
        Optional<String> value = text(record.value());
        return new Letter(
                header(record, "sluice.source.topic"),
                parseInt(header(record, "sluice.source.partition")),
                parseLong(header(record, "sluice.source.offset")),
                timestamp(header(record, "sluice.source.timestamp")),
                header(record, "sluice.pipeline"),
                header(record, "sluice.error.class"),
                header(record, "sluice.error.message"),
                text(record.key()).orElseGet(() -> hex(record.key())),
                value.orElseGet(() -> hex(record.value())),
                value.isPresent() || record.value() == null ? "utf-8" : "hex");
    }

    /** The bytes as text when they are UTF-8 without control characters; empty otherwise. */
    static Optional<String> text(byte[] bytes) {
        if (bytes == null) {
            return Optional.of("");
        }
        try {
            String text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
            boolean printable = text.chars().noneMatch(c -> c < 0x20 && c != '\t' || c == 0x7f);
            return printable ? Optional.of(text) : Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "" : HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? ""
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String timestamp(String millis) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(millis)).toString();
        } catch (NumberFormatException e) {
            return millis;
        }
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
