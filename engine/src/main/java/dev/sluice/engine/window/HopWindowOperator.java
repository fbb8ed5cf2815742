package dev.sluice.engine.window;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.runtime.state.internal.InternalValueState;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.data.util.RowDataUtil;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.table.runtime.dataview.PerWindowStateDataViewStore;
import org.apache.flink.table.runtime.generated.GeneratedNamespaceAggsHandleFunction;
import org.apache.flink.table.runtime.generated.NamespaceAggsHandleFunction;
import org.apache.flink.table.runtime.operators.TableStreamOperator;
import org.apache.flink.table.runtime.operators.window.tvf.slicing.SliceAssigner;

/**
 * An event-time HOP window aggregate that keeps one state entry per key ({@link SliceRing}) instead
 * of one per (key, slice), and no timers: every key's windows end on the same grid, so the keys due
 * at a window end are kept in a list per window end, rebuilt from the rings on restore. It runs the
 * aggregate code Flink's planner generated for the job, so it emits the same rows as Flink's {@code
 * WindowAggOperator} at the same watermarks: a window when the watermark passes its end and its
 * {@code COUNT(*)} is not 0; records whose last window has fired are dropped and counted in the
 * same {@code numLateRecordsDropped} metric; a late record whose slice still has windows to fire
 * counts in those.
 *
 * <p>A record costs one state lookup (merged into its slice's accumulator in place on the heap
 * backend), a firing one lookup plus the merge of the window's slices in memory. Flink's operator
 * pays a buffer, two lookups per (key, slice) at every flush, one per slice per firing, and a timer
 * per (key, window) in a priority queue.
 *
 * <p>State: keyed {@value #STATE} (a {@link SliceRing} per key, with the window end it waits for)
 * and the union list {@value #WATERMARK}. Restored from a savepoint or checkpoint of Flink's
 * operator (same operator id: the job graph is otherwise the same), it moves Flink's {@value
 * #FLINK_STATE} entries into rings once; Flink's timers ({@value #TIMERS}) fire into nothing, the
 * rings know their windows.
 */
public final class HopWindowOperator extends TableStreamOperator<RowData>
        implements OneInputStreamOperator<RowData, RowData>, Triggerable<RowData, Long> {

    private static final long serialVersionUID = 1L;

    static final String STATE = "sluice-hop-slices";
    static final String TIMERS = "window-timers";
    static final String WATERMARK = "watermark";
    static final String FLINK_STATE = "window-aggs";
    static final String LATE_RECORDS = "numLateRecordsDropped";
    static final String LATE_RATE = "lateRecordsDroppedRate";
    static final String WATERMARK_LATENCY = "watermarkLatency";

    /** Slots a new ring starts with; it doubles as a key's open slices grow. */
    private static final int INITIAL_SLOTS = 4;

    private final GeneratedNamespaceAggsHandleFunction<Long> windowAggs;
    private final GeneratedNamespaceAggsHandleFunction<Long> inputAggs;
    private final boolean inputIsAccumulators;
    private final SliceAssigner assigner;
    private final TypeSerializer<RowData> accSerializer;
    private final int countStarIndex;
    private final long size;
    private final long slide;

    private transient NamespaceAggsHandleFunction<Long> window;
    private transient NamespaceAggsHandleFunction<Long> input;
    private transient ValueState<SliceRing> rings;
    private transient InternalTimerService<Long> timers;
    private transient TimestampedCollector<RowData> collector;
    private transient JoinedRowData row;
    private transient ListState<Long> watermarkState;
    private transient boolean inPlace;
    private transient long progress;
    private transient Meter lateRate;

    /**
     * Window end → the keys whose next window ends there ({@link SliceRing#timer()}); all keys
     * share the window grid, so a list per window end does what a timer per key and window does in
     * Flink's operator, without the timer queue. Not state: rebuilt from the rings on restore.
     */
    private transient TreeMap<Long, List<RowData>> due;

    /**
     * @param windowAggs Flink's code that merges slice accumulators and computes a window's row
     * @param inputAggs Flink's code that adds an input record to a slice accumulator: merges it
     *     when {@code inputIsAccumulators} (the global half of a two-phase aggregate), else
     *     accumulates or retracts it
     * @param assigner Flink's slice assigner of the job: where a record's slice end is
     */
    HopWindowOperator(
            GeneratedNamespaceAggsHandleFunction<Long> windowAggs,
            GeneratedNamespaceAggsHandleFunction<Long> inputAggs,
            boolean inputIsAccumulators,
            SliceAssigner assigner,
            TypeSerializer<RowData> accSerializer,
            int countStarIndex,
            long size,
            long slide) {
        if (countStarIndex < 0 || size <= 0 || slide <= 0 || size % slide != 0) {
            throw new IllegalArgumentException(
                    "a HOP window needs COUNT(*) and a size that is a multiple of its slide");
        }
        this.windowAggs = windowAggs;
        this.inputAggs = inputAggs;
        this.inputIsAccumulators = inputIsAccumulators;
        this.assigner = assigner;
        this.accSerializer = accSerializer;
        this.countStarIndex = countStarIndex;
        this.size = size;
        this.slide = slide;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        watermarkState =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(WATERMARK, LongSerializer.INSTANCE));
        if (context.isRestored()) {
            long restored = Long.MAX_VALUE;
            for (Long watermark : watermarkState.get()) {
                restored = Math.min(restored, watermark);
            }
            if (restored != Long.MAX_VALUE) {
                currentWatermark = restored;
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        collector = new TimestampedCollector<>(output);
        collector.eraseTimestamp();
        row = new JoinedRowData();
        timers = getInternalTimerService(TIMERS, LongSerializer.INSTANCE, this);
        KeyedStateBackend<RowData> backend = getKeyedStateBackend();
        inPlace = backend instanceof HeapKeyedStateBackend;
        ClassLoader classLoader = getRuntimeContext().getUserCodeClassLoader();
        window = windowAggs.newInstance(classLoader);
        window.open(
                new PerWindowStateDataViewStore(
                        backend, LongSerializer.INSTANCE, getRuntimeContext()));
        input = inputAggs.newInstance(classLoader);
        input.open(
                new PerWindowStateDataViewStore(
                        backend, LongSerializer.INSTANCE, getRuntimeContext()));
        rings =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        STATE, new SliceRingSerializer(accSerializer)));
        progress = currentWatermark;
        Counter late = metrics.counter(LATE_RECORDS);
        lateRate = metrics.meter(LATE_RATE, new MeterView(late));
        // as Flink's operator: processing time minus the watermark, 0 before the first one
        metrics.gauge(
                WATERMARK_LATENCY,
                () -> {
                    long watermark = timers.currentWatermark();
                    return watermark < 0 ? 0L : timers.currentProcessingTime() - watermark;
                });
        due = new TreeMap<>();
        adoptFlinkState(backend);
        scheduleRestored(backend);
    }

    /** Puts every key with a ring back on the window end its ring waits for. */
    private void scheduleRestored(KeyedStateBackend<RowData> backend) throws Exception {
        List<RowData> keys = new ArrayList<>();
        try (Stream<RowData> restored = backend.getKeys(STATE, VoidNamespace.INSTANCE)) {
            restored.forEach(key -> keys.add(copy(key)));
        }
        for (RowData key : keys) {
            backend.setCurrentKey(key);
            SliceRing ring = rings.value();
            // a ring without a window end waits for a record, as it did before the snapshot
            if (ring != null && ring.size() > 0 && ring.timer() != SliceRing.NO_TIMER) {
                schedule(ring.timer(), key);
            }
        }
    }

    private void schedule(long windowEnd, RowData key) {
        due.computeIfAbsent(windowEnd, end -> new ArrayList<>()).add(key);
    }

    private static RowData copy(RowData key) {
        return key instanceof BinaryRowData binary ? binary.copy() : key;
    }

    /** Moves the per-(key, slice) state of Flink's operator, restored from its snapshot, in. */
    private void adoptFlinkState(KeyedStateBackend<RowData> backend) throws Exception {
        List<Tuple2<RowData, Long>> entries;
        try (Stream<Tuple2<RowData, Long>> restored = backend.getKeysAndNamespaces(FLINK_STATE)) {
            entries = new ArrayList<>();
            restored.forEach(e -> entries.add(Tuple2.of(copy(e.f0), e.f1)));
        }
        if (entries.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        InternalValueState<RowData, Long, RowData> flink =
                (InternalValueState<RowData, Long, RowData>)
                        backend.getOrCreateKeyedState(
                                LongSerializer.INSTANCE,
                                new ValueStateDescriptor<>(FLINK_STATE, accSerializer));
        List<RowData> adopted = new ArrayList<>();
        for (Tuple2<RowData, Long> entry : entries) {
            backend.setCurrentKey(entry.f0);
            flink.setCurrentNamespace(entry.f1);
            RowData acc = flink.value();
            if (acc != null) {
                SliceRing ring = rings.value();
                if (ring == null) {
                    ring = new SliceRing(INITIAL_SLOTS);
                    adopted.add(entry.f0);
                }
                ring.put(ring.indexOf(entry.f1), entry.f1, acc);
                rings.update(ring);
            }
            flink.clear();
        }
        for (RowData key : adopted) {
            // Flink's pending timer of this key: the first window not fired that has a slice
            backend.setCurrentKey(key);
            SliceRing ring = rings.value();
            long next = ring.end(0);
            while (fired(next)) {
                next += slide;
            }
            ring.timer(next);
            rings.update(ring);
        }
    }

    private boolean fired(long windowEnd) {
        return windowEnd != Long.MAX_VALUE && progress >= windowEnd - 1;
    }

    @Override
    public void processElement(StreamRecord<RowData> element) throws Exception {
        RowData record = element.getValue();
        long sliceEnd = assigner.assignSliceEnd(record, null);
        long firstWindow = sliceEnd;
        if (fired(sliceEnd)) {
            if (fired(assigner.getLastWindowEnd(sliceEnd))) {
                lateRate.markEvent();
                return;
            }
            while (fired(firstWindow)) {
                firstWindow += slide;
            }
        }
        SliceRing ring = rings.value();
        boolean created = ring == null;
        if (created) {
            ring = new SliceRing(INITIAL_SLOTS);
        }
        int slot = ring.indexOf(sliceEnd);
        input.setAccumulators(sliceEnd, slot >= 0 ? ring.acc(slot) : input.createAccumulators());
        if (inputIsAccumulators) {
            input.merge(sliceEnd, record);
        } else if (RowDataUtil.isAccumulateMsg(record)) {
            input.accumulate(record);
        } else {
            input.retract(record);
        }
        ring.put(slot, sliceEnd, input.getAccumulators());
        if (ring.timer() == SliceRing.NO_TIMER || firstWindow < ring.timer()) {
            // a later entry of this key's, if any, is skipped when its window end comes
            schedule(firstWindow, copy((RowData) getCurrentKey()));
            ring.timer(firstWindow);
        }
        if (created || !inPlace) {
            rings.update(ring);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() > currentWatermark) {
            progress = Math.max(progress, mark.getTimestamp());
            fireDue();
            super.processWatermark(mark);
        } else {
            super.processWatermark(new Watermark(currentWatermark));
        }
    }

    /** Fires, in window-end order, every window the watermark has passed. */
    private void fireDue() throws Exception {
        while (!due.isEmpty() && fired(due.firstKey())) {
            Map.Entry<Long, List<RowData>> entry = due.pollFirstEntry();
            long windowEnd = entry.getKey();
            for (RowData key : entry.getValue()) {
                setCurrentKey(key);
                SliceRing ring = rings.value();
                if (ring != null && ring.timer() == windowEnd) {
                    fire(ring, windowEnd, key);
                }
            }
        }
    }

    private void fire(SliceRing ring, long windowEnd, RowData key) throws Exception {
        ring.timer(SliceRing.NO_TIMER);
        window.setAccumulators(null, window.createAccumulators());
        for (int i = ring.size() - 1; i >= 0; i--) {
            long end = ring.end(i);
            if (end <= windowEnd - size) {
                break;
            }
            if (end <= windowEnd && ring.acc(i) != null) {
                window.merge(end, ring.acc(i));
            }
        }
        RowData merged = window.getAccumulators();
        boolean empty = merged == null || merged.getLong(countStarIndex) == 0;
        if (!empty) {
            row.replace(key, window.getValue(windowEnd));
            collector.collect(row);
        }
        ring.removeThrough(windowEnd - size + slide);
        if (ring.size() == 0) {
            // Flink's operator would still fire the next window: it is empty, nothing is emitted
            rings.clear();
            return;
        }
        // as Flink's: the next window while windows have records, else the next slice with some
        long next = empty ? ring.firstEndAfter(windowEnd) : windowEnd + slide;
        if (next != SliceRing.NO_TIMER) {
            ring.timer(next);
            schedule(next, key);
        }
        if (!inPlace) {
            rings.update(ring);
        }
    }

    /**
     * Timers restored from a snapshot of Flink's operator: the rings adopted from its state carry
     * their own window ends ({@link #scheduleRestored}), so these have nothing left to do.
     */
    @Override
    public void onEventTime(InternalTimer<RowData, Long> timer) {}

    @Override
    public void onProcessingTime(InternalTimer<RowData, Long> timer) {
        throw new IllegalStateException("a HOP window on event time has no processing-time timer");
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        watermarkState.update(Collections.singletonList(currentWatermark));
    }

    @Override
    public void close() throws Exception {
        super.close();
        if (window != null) {
            window.close();
        }
        if (input != null) {
            input.close();
        }
    }
}
