package dev.sluice.engine.window;

import java.lang.reflect.Field;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.generated.GeneratedNamespaceAggsHandleFunction;
import org.apache.flink.table.runtime.operators.aggregate.window.buffers.RecordsWindowBuffer;
import org.apache.flink.table.runtime.operators.aggregate.window.combines.AggCombiner;
import org.apache.flink.table.runtime.operators.aggregate.window.combines.GlobalAggCombiner;
import org.apache.flink.table.runtime.operators.aggregate.window.processors.SliceSharedSyncStateWindowAggProcessor;
import org.apache.flink.table.runtime.operators.window.tvf.common.WindowAggOperator;
import org.apache.flink.table.runtime.operators.window.tvf.slicing.SliceAssigner;
import org.apache.flink.table.runtime.operators.window.tvf.slicing.SliceAssigners;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts {@link HopWindowOperator} in the place of Flink's window aggregate for each event-time HOP
 * window of a job, where it computes the same rows: the aggregate's accumulators are plain values
 * (no state-backed data views, so no {@code DISTINCT}), the window is in UTC event time (a {@code
 * TIMESTAMP} rowtime or a UTC session), and the job keeps its state on the heap (Flink's default
 * {@code hashmap} backend) with synchronous state access. Anything else, and any Flink operator
 * whose insides are not what this version of Flink builds, stays Flink's. The node keeps its id,
 * name and position, so its operator id, its chain and its metrics stay the same; its description
 * says which operator runs.
 */
public final class HopWindows {

    /** Whether Sluice's HOP operator runs where it can; {@code false} keeps Flink's everywhere. */
    public static final ConfigOption<Boolean> PER_KEY_STATE =
            ConfigOptions.key("sluice.window.hop.per-key-state")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Run event-time HOP window aggregates with one state entry per key (Sluice's operator) instead of one per key and slice (Flink's). Same results; false keeps Flink's operator.");

    /** Appended to the description of a node that runs {@link HopWindowOperator}. */
    public static final String DESCRIPTION_MARK = "[Sluice: HOP slices per key]";

    private static final Logger LOG = LoggerFactory.getLogger(HopWindows.class);

    private static final Set<LogicalTypeRoot> PLAIN_VALUES =
            Set.of(
                    LogicalTypeRoot.BOOLEAN,
                    LogicalTypeRoot.TINYINT,
                    LogicalTypeRoot.SMALLINT,
                    LogicalTypeRoot.INTEGER,
                    LogicalTypeRoot.BIGINT,
                    LogicalTypeRoot.FLOAT,
                    LogicalTypeRoot.DOUBLE,
                    LogicalTypeRoot.DECIMAL,
                    LogicalTypeRoot.CHAR,
                    LogicalTypeRoot.VARCHAR,
                    LogicalTypeRoot.BINARY,
                    LogicalTypeRoot.VARBINARY,
                    LogicalTypeRoot.DATE,
                    LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE,
                    LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE,
                    LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE);

    private HopWindows() {}

    /**
     * Replaces the HOP window aggregates of {@code graph} that Sluice's operator can run, unless
     * {@code config} turns it off; returns the names of the nodes replaced.
     */
    public static List<String> rewrite(StreamGraph graph, ReadableConfig config) {
        List<String> replaced = new ArrayList<>();
        if (!config.get(PER_KEY_STATE)) {
            return replaced;
        }
        // On the heap a record changes its key's ring in place; RocksDB or ForSt would write the
        // whole ring back for every record, where Flink's operator buffers and writes per slice.
        if (!"hashmap".equalsIgnoreCase(config.get(StateBackendOptions.STATE_BACKEND))) {
            return replaced;
        }
        for (StreamNode node : graph.getStreamNodes()) {
            Optional<HopWindowOperator> operator = replacement(node.getOperatorFactory());
            if (operator.isPresent()) {
                SimpleOperatorFactory<RowData> factory = SimpleOperatorFactory.of(operator.get());
                factory.setChainingStrategy(node.getOperatorFactory().getChainingStrategy());
                node.setOperatorFactory(factory);
                String description = node.getOperatorDescription();
                node.setOperatorDescription(
                        description == null || description.isEmpty()
                                ? DESCRIPTION_MARK
                                : description + " " + DESCRIPTION_MARK);
                replaced.add(node.getOperatorName());
            }
        }
        if (!replaced.isEmpty()) {
            LOG.info(
                    "job '{}': HOP windows run with per-key slices in {}",
                    graph.getJobName(),
                    replaced);
        }
        return replaced;
    }

    /** Sluice's operator for what {@code factory} builds, if it is a HOP window it can run. */
    static Optional<HopWindowOperator> replacement(StreamOperatorFactory<?> factory) {
        if (!(factory instanceof SimpleOperatorFactory<?> simple)
                || !(simple.getOperator() instanceof WindowAggOperator<?, ?> flink)) {
            return Optional.empty();
        }
        try {
            Object processor = field(flink, "windowProcessor");
            if (processor.getClass() != SliceSharedSyncStateWindowAggProcessor.class
                    || !(boolean) field(processor, "isEventTime")) {
                return Optional.empty();
            }
            ZoneId zone = (ZoneId) field(processor, "shiftTimeZone");
            if (zone == null || !zone.normalized().equals(ZoneOffset.UTC)) {
                return Optional.empty();
            }
            SliceAssigner assigner = (SliceAssigner) field(processor, "sliceAssigner");
            boolean twoPhase = assigner instanceof SliceAssigners.SlicedSharedSliceAssigner;
            Object hop = twoPhase ? field(assigner, "innerSharedAssigner") : assigner;
            if (!(hop instanceof SliceAssigners.HoppingSliceAssigner)) {
                return Optional.empty();
            }
            long size = (long) field(hop, "size");
            long slide = (long) field(hop, "slide");
            if ((long) field(hop, "sliceSize") != slide) {
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            TypeSerializer<RowData> accSerializer =
                    (TypeSerializer<RowData>) field(processor, "accSerializer");
            if (!plainValues(accSerializer)) {
                return Optional.empty();
            }
            int countStar = (int) field(field(processor, "emptySupplier"), "indexOfCountStar");
            Object buffer = field(processor, "windowBufferFactory");
            if (!(buffer instanceof RecordsWindowBuffer.Factory)) {
                return Optional.empty();
            }
            Object combiner = field(buffer, "factory");
            GeneratedNamespaceAggsHandleFunction<Long> inputAggs;
            if (twoPhase && combiner instanceof GlobalAggCombiner.Factory) {
                inputAggs = handler(combiner, "genLocalAggsHandler");
            } else if (!twoPhase && combiner instanceof AggCombiner.Factory) {
                inputAggs = handler(combiner, "genAggsHandler");
            } else {
                return Optional.empty();
            }
            return Optional.of(
                    new HopWindowOperator(
                            handler(processor, "genAggsHandler"),
                            inputAggs,
                            twoPhase,
                            assigner,
                            accSerializer,
                            countStar,
                            size,
                            slide));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn(
                    "keeping Flink's window operator: its insides are not those of Flink 2.3 ({})",
                    e.toString());
            return Optional.empty();
        }
    }

    private static boolean plainValues(TypeSerializer<RowData> serializer)
            throws ReflectiveOperationException {
        if (!(serializer instanceof RowDataSerializer)) {
            return false;
        }
        for (LogicalType type : (LogicalType[]) field(serializer, "types")) {
            if (!PLAIN_VALUES.contains(type.getTypeRoot())) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static GeneratedNamespaceAggsHandleFunction<Long> handler(Object owner, String name)
            throws ReflectiveOperationException {
        return (GeneratedNamespaceAggsHandleFunction<Long>) field(owner, name);
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                Object value = field.get(owner);
                if (value == null) {
                    throw new NoSuchFieldException(name + " is null in " + type.getName());
                }
                return value;
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new NoSuchFieldException(name + " in " + owner.getClass().getName());
    }
}
