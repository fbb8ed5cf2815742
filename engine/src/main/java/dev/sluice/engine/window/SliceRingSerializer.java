package dev.sluice.engine.window;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.table.data.RowData;

/**
 * Writes a {@link SliceRing} as its timer, its slice count and each slice's end and accumulator (in
 * the accumulator serializer of Flink's own operator). {@link #copy} is deep: the heap state
 * backend copies a state entry that a running snapshot still reads before the operator changes it.
 */
public final class SliceRingSerializer extends TypeSerializer<SliceRing> {

    private static final long serialVersionUID = 1L;

    private final TypeSerializer<RowData> accSerializer;

    public SliceRingSerializer(TypeSerializer<RowData> accSerializer) {
        this.accSerializer = accSerializer;
    }

    TypeSerializer<RowData> accSerializer() {
        return accSerializer;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<SliceRing> duplicate() {
        TypeSerializer<RowData> duplicate = accSerializer.duplicate();
        return duplicate == accSerializer ? this : new SliceRingSerializer(duplicate);
    }

    @Override
    public SliceRing createInstance() {
        return new SliceRing(1);
    }

    @Override
    public SliceRing copy(SliceRing from) {
        SliceRing copy = new SliceRing(from.size());
        for (int i = 0; i < from.size(); i++) {
            RowData acc = from.acc(i);
            copy.put(-1, from.end(i), acc == null ? null : accSerializer.copy(acc));
        }
        copy.timer(from.timer());
        return copy;
    }

    @Override
    public SliceRing copy(SliceRing from, SliceRing reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SliceRing ring, DataOutputView target) throws IOException {
        target.writeLong(ring.timer());
        target.writeInt(ring.size());
        for (int i = 0; i < ring.size(); i++) {
            target.writeLong(ring.end(i));
            RowData acc = ring.acc(i);
            target.writeBoolean(acc != null);
            if (acc != null) {
                accSerializer.serialize(acc, target);
            }
        }
    }

    @Override
    public SliceRing deserialize(DataInputView source) throws IOException {
        long timer = source.readLong();
        int size = source.readInt();
        SliceRing ring = new SliceRing(size);
        for (int i = 0; i < size; i++) {
            long end = source.readLong();
            ring.put(-1, end, source.readBoolean() ? accSerializer.deserialize(source) : null);
        }
        ring.timer(timer);
        return ring;
    }

    @Override
    public SliceRing deserialize(SliceRing reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeLong(source.readLong());
        int size = source.readInt();
        target.writeInt(size);
        for (int i = 0; i < size; i++) {
            target.writeLong(source.readLong());
            boolean present = source.readBoolean();
            target.writeBoolean(present);
            if (present) {
                accSerializer.copy(source, target);
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SliceRingSerializer that
                && accSerializer.equals(that.accSerializer);
    }

    @Override
    public int hashCode() {
        return accSerializer.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<SliceRing> snapshotConfiguration() {
        return new Snapshot(this);
    }

    /** The serializer's configuration in a snapshot: the accumulator serializer's. */
    public static final class Snapshot
            extends CompositeTypeSerializerSnapshot<SliceRing, SliceRingSerializer> {

        private static final int VERSION = 1;

        public Snapshot() {}

        Snapshot(SliceRingSerializer serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return VERSION;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(SliceRingSerializer outer) {
            return new TypeSerializer<?>[] {outer.accSerializer};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected SliceRingSerializer createOuterSerializerWithNestedSerializers(
                TypeSerializer<?>[] nested) {
            return new SliceRingSerializer((TypeSerializer<RowData>) nested[0]);
        }
    }
}
