package dev.sluice.engine.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.DecimalType;
import org.junit.jupiter.api.Test;

class SliceRingTest {

    private static final RowDataSerializer ACCS =
            new RowDataSerializer(new DecimalType(38, 2), new BigIntType());

    private static RowData acc(String sum, long count) {
        return GenericRowData.of(DecimalData.fromBigDecimal(new BigDecimal(sum), 38, 2), count);
    }

    @Test
    void keepsSlicesInOrderOfTheirEndWhateverOrderTheyCome() {
        SliceRing ring = new SliceRing(2);
        for (long end : new long[] {60_000, 180_000, 120_000, 30_000, 240_000}) {
            ring.put(ring.indexOf(end), end, acc("1.00", 1));
        }
        assertThat(ring.size()).isEqualTo(5);
        assertThat(new long[] {ring.end(0), ring.end(1), ring.end(2), ring.end(3), ring.end(4)})
                .containsExactly(30_000, 60_000, 120_000, 180_000, 240_000);
        assertThat(ring.indexOf(120_000)).isEqualTo(2);
        assertThat(ring.indexOf(90_000)).isEqualTo(-1);
        ring.put(2, 120_000, acc("5.00", 2));
        assertThat(ring.acc(2).getLong(1)).isEqualTo(2);

        ring.removeThrough(60_000);
        assertThat(ring.size()).isEqualTo(3);
        assertThat(ring.end(0)).isEqualTo(120_000);
        assertThat(ring.firstEndAfter(120_000)).isEqualTo(180_000);
        assertThat(ring.firstEndAfter(240_000)).isEqualTo(SliceRing.NO_TIMER);
        ring.removeThrough(Long.MAX_VALUE);
        assertThat(ring.size()).isZero();
    }

    @Test
    void serializesAndCopiesDeeply() throws Exception {
        SliceRingSerializer serializer = new SliceRingSerializer(ACCS);
        SliceRing ring = new SliceRing(10);
        ring.put(-1, 60_000, acc("10000.01", 3));
        ring.put(-1, 120_000, null);
        ring.timer(120_000);

        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(ring, out);
        SliceRing read = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(read.size()).isEqualTo(2);
        assertThat(read.timer()).isEqualTo(120_000);
        assertThat(read.acc(0).getDecimal(0, 38, 2).toBigDecimal())
                .isEqualByComparingTo("10000.01");
        assertThat(read.acc(0).getLong(1)).isEqualTo(3);
        assertThat(read.acc(1)).isNull();

        SliceRing copy = serializer.copy(ring);
        copy.put(0, 60_000, acc("1.00", 1));
        copy.removeThrough(60_000);
        copy.timer(SliceRing.NO_TIMER);
        assertThat(ring.size()).as("a snapshot's copy is its own").isEqualTo(2);
        assertThat(ring.acc(0).getLong(1)).isEqualTo(3);
        assertThat(ring.timer()).isEqualTo(120_000);
    }

    @Test
    void itsSnapshotRestoresACompatibleSerializer() throws Exception {
        SliceRingSerializer serializer = new SliceRingSerializer(ACCS);
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<SliceRing> read =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());
        TypeSerializer<SliceRing> restored = read.restoreSerializer();
        assertThat(restored).isEqualTo(serializer);
        TypeSerializerSchemaCompatibility<SliceRing> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
    }
}
