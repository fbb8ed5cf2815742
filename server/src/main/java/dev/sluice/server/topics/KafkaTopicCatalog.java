package dev.sluice.server.topics;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.eo.SluiceOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.catalog.AbstractCatalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;

/**
 * The read-only catalog {@code kafka}: its database {@code topics} shows every topic of the
 * gateway's Kafka cluster as a table, with columns inferred from the topic's newest records, the
 * record key, and Kafka's partition, offset and timestamp (an event-time attribute with a
 * watermark, so window TVFs work over a topic nobody declared). {@code CREATE TABLE t LIKE
 * kafka.topics.x} turns one into a table of the default catalog with a fixed schema.
 */
public final class KafkaTopicCatalog extends AbstractCatalog {

    public static final String NAME = "kafka";
    public static final String DATABASE = "topics";

    static final String KEY = "kafka_key";
    static final String PARTITION = "kafka_partition";
    static final String OFFSET = "kafka_offset";
    static final String TIMESTAMP = "kafka_timestamp";
    static final String VALUE = "value";

    /** Columns Sluice adds; a JSON field of the same name is left out. */
    static final Set<String> RESERVED = Set.of(KEY, PARTITION, OFFSET, TIMESTAMP);

    private static final String READ_ONLY =
            "the kafka catalog is read-only: it shows the cluster's topics as they are."
                    + " CREATE TABLE my_table LIKE kafka.topics.`%s` makes a table you can change"
                    + " and write to";

    private final TopicDiscovery discovery;
    private final UnaryOperator<Map<String, String>> tableDefaults;

    /**
     * @param tableDefaults what every Kafka table of the session gets (bootstrap servers,
     *     read_committed, a replay's start offsets, a pipeline's group id)
     */
    public KafkaTopicCatalog(
            String name,
            TopicDiscovery discovery,
            UnaryOperator<Map<String, String>> tableDefaults) {
        super(name, DATABASE);
        this.discovery = requireNonNull(discovery, "discovery is null");
        this.tableDefaults = requireNonNull(tableDefaults, "tableDefaults is null");
    }

    @Override
    public void open() {}

    @Override
    public void close() {}

    // ---- the one database ----

    @Override
    public List<String> listDatabases() {
        return List.of(DATABASE);
    }

    @Override
    public CatalogDatabase getDatabase(String name) throws DatabaseNotExistException {
        requireDatabase(name);
        return new CatalogDatabaseImpl(
                Map.of(), "every topic of the Kafka cluster at " + discovery.bootstrap());
    }

    @Override
    public boolean databaseExists(String name) {
        return DATABASE.equals(name);
    }

    @Override
    public void createDatabase(String name, CatalogDatabase database, boolean ignoreIfExists) {
        throw readOnly("*");
    }

    @Override
    public void dropDatabase(String name, boolean ignoreIfNotExists, boolean cascade) {
        throw readOnly("*");
    }

    @Override
    public void alterDatabase(String name, CatalogDatabase database, boolean ignoreIfNotExists) {
        throw readOnly("*");
    }

    // ---- topics as tables ----

    @Override
    public List<String> listTables(String database) throws DatabaseNotExistException {
        requireDatabase(database);
        try {
            return discovery.topics();
        } catch (TopicException e) {
            throw new CatalogException(e.getMessage(), e);
        }
    }

    @Override
    public List<String> listViews(String database) throws DatabaseNotExistException {
        requireDatabase(database);
        return List.of();
    }

    @Override
    public CatalogBaseTable getTable(ObjectPath path) throws TableNotExistException {
        if (!databaseExists(path.getDatabaseName())
                || !TopicDiscovery.visible(path.getObjectName())) {
            throw new TableNotExistException(getName(), path);
        }
        String topic = path.getObjectName();
        Optional<SchemaInference.Inferred> inferred;
        try {
            inferred = discovery.columns(topic);
        } catch (TopicException e) {
            throw new CatalogException(e.getMessage(), e);
        }
        if (inferred.isEmpty()) {
            throw new TableNotExistException(getName(), path);
        }
        return table(topic, inferred.get());
    }

    private CatalogTable table(String topic, SchemaInference.Inferred inferred) {
        Schema.Builder schema = Schema.newBuilder();
        schema.column(KEY, DataTypes.BYTES()).withComment("the record key, as it is");
        Map<String, String> options = new LinkedHashMap<>();
        options.put("connector", "kafka");
        options.put("topic", topic);
        options.put("scan.startup.mode", "earliest-offset");
        // A topic with fewer partitions than the job's parallelism leaves source tasks without
        // one: they must not hold the watermark back, or no window would ever close.
        options.put(FactoryUtil.SOURCE_IDLE_TIMEOUT.key(), "5 s");
        options.put("key.format", "raw");
        options.put("key.fields", KEY);
        options.put("value.fields-include", "EXCEPT_KEY");
        String described;
        if (inferred instanceof SchemaInference.JsonColumns json) {
            json.columns()
                    .forEach(
                            (name, type) -> {
                                if (!RESERVED.contains(name)) {
                                    schema.column(name, type);
                                }
                            });
            options.put("value.format", "json");
            // A record that does not fit the inferred columns is read as nulls, not a failure:
            // nothing to dead-letter, so browsing a topic never creates one.
            options.put("value.json.ignore-parse-errors", "true");
            described = "JSON columns inferred from its newest records";
        } else {
            schema.column(VALUE, DataTypes.BYTES()).withComment("the record value, as it is");
            options.put("value.format", "raw");
            described = "its records are not JSON objects (or it has none yet): raw bytes";
        }
        options.put(SluiceOptions.ON_ERROR, "fail");
        schema.columnByMetadata(PARTITION, DataTypes.INT(), "partition", true);
        schema.columnByMetadata(OFFSET, DataTypes.BIGINT(), "offset", true);
        DataType timestamp = DataTypes.TIMESTAMP_LTZ(3);
        schema.columnByMetadata(TIMESTAMP, timestamp, "timestamp", true);
        schema.watermark(TIMESTAMP, "`" + TIMESTAMP + "` - INTERVAL '5' SECOND");
        return CatalogTable.newBuilder()
                .schema(schema.build())
                .comment("Kafka topic '%s' (%s)".formatted(topic, described))
                .options(tableDefaults.apply(options))
                .build();
    }

    @Override
    public boolean tableExists(ObjectPath path) {
        try {
            return databaseExists(path.getDatabaseName())
                    && discovery.topics().contains(path.getObjectName());
        } catch (TopicException e) {
            throw new CatalogException(e.getMessage(), e);
        }
    }

    @Override
    public void dropTable(ObjectPath path, boolean ignoreIfNotExists) {
        throw readOnly(path.getObjectName());
    }

    @Override
    public void renameTable(ObjectPath path, String newName, boolean ignoreIfNotExists) {
        throw readOnly(path.getObjectName());
    }

    @Override
    public void createTable(ObjectPath path, CatalogBaseTable table, boolean ignoreIfExists) {
        throw readOnly(path.getObjectName());
    }

    @Override
    public void alterTable(ObjectPath path, CatalogBaseTable table, boolean ignoreIfNotExists) {
        throw readOnly(path.getObjectName());
    }

    // ---- no functions, partitions or statistics ----

    @Override
    public List<String> listFunctions(String database) throws DatabaseNotExistException {
        requireDatabase(database);
        return List.of();
    }

    @Override
    public CatalogFunction getFunction(ObjectPath path) throws FunctionNotExistException {
        throw new FunctionNotExistException(getName(), path);
    }

    @Override
    public boolean functionExists(ObjectPath path) {
        return false;
    }

    @Override
    public void createFunction(ObjectPath path, CatalogFunction function, boolean ignoreIfExists) {
        throw readOnly("*");
    }

    @Override
    public void alterFunction(
            ObjectPath path, CatalogFunction function, boolean ignoreIfNotExists) {
        throw readOnly("*");
    }

    @Override
    public void dropFunction(ObjectPath path, boolean ignoreIfNotExists) {
        throw readOnly("*");
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath path)
            throws TableNotPartitionedException {
        throw new TableNotPartitionedException(getName(), path);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath path, CatalogPartitionSpec spec)
            throws TableNotPartitionedException {
        throw new TableNotPartitionedException(getName(), path);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitionsByFilter(
            ObjectPath path, List<Expression> filters) throws TableNotPartitionedException {
        throw new TableNotPartitionedException(getName(), path);
    }

    @Override
    public CatalogPartition getPartition(ObjectPath path, CatalogPartitionSpec spec)
            throws PartitionNotExistException {
        throw new PartitionNotExistException(getName(), path, spec);
    }

    @Override
    public boolean partitionExists(ObjectPath path, CatalogPartitionSpec spec) {
        return false;
    }

    @Override
    public void createPartition(
            ObjectPath path,
            CatalogPartitionSpec spec,
            CatalogPartition partition,
            boolean ignoreIfExists) {
        throw readOnly(path.getObjectName());
    }

    @Override
    public void dropPartition(
            ObjectPath path, CatalogPartitionSpec spec, boolean ignoreIfNotExists) {
        throw readOnly(path.getObjectName());
    }

    @Override
    public void alterPartition(
            ObjectPath path,
            CatalogPartitionSpec spec,
            CatalogPartition partition,
            boolean ignoreIfNotExists) {
        throw readOnly(path.getObjectName());
    }

    @Override
    public CatalogTableStatistics getTableStatistics(ObjectPath path) {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getTableColumnStatistics(ObjectPath path) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public CatalogTableStatistics getPartitionStatistics(
            ObjectPath path, CatalogPartitionSpec spec) {
        return CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getPartitionColumnStatistics(
            ObjectPath path, CatalogPartitionSpec spec) {
        return CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public void alterTableStatistics(
            ObjectPath path, CatalogTableStatistics statistics, boolean ignoreIfNotExists) {
        throw readOnly(path.getObjectName());
    }

    @Override
    public void alterTableColumnStatistics(
            ObjectPath path, CatalogColumnStatistics statistics, boolean ignoreIfNotExists) {
        throw readOnly(path.getObjectName());
    }

    @Override
    public void alterPartitionStatistics(
            ObjectPath path,
            CatalogPartitionSpec spec,
            CatalogTableStatistics statistics,
            boolean ignoreIfNotExists) {
        throw readOnly(path.getObjectName());
    }

    @Override
    public void alterPartitionColumnStatistics(
            ObjectPath path,
            CatalogPartitionSpec spec,
            CatalogColumnStatistics statistics,
            boolean ignoreIfNotExists) {
        throw readOnly(path.getObjectName());
    }

    private void requireDatabase(String name) throws DatabaseNotExistException {
        if (!databaseExists(name)) {
            throw new DatabaseNotExistException(getName(), name);
        }
    }

    static CatalogException readOnly(String topic) {
        return new CatalogException(READ_ONLY.formatted(topic));
    }
}
