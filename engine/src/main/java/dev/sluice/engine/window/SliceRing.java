package dev.sluice.engine.window;

import java.util.Arrays;
import org.apache.flink.table.data.RowData;

/**
 * One key's state in a HOP window aggregate: the accumulator of each slice (a slide-long piece of
 * event time) that a window not yet fired still needs, in order of slice end, and the one window
 * end a timer waits for. Flink's operator keeps one state entry per (key, slice) and merges a
 * window's slices out of state at every firing; this keeps them together, so a record and a firing
 * each cost one state lookup.
 */
public final class SliceRing {

    /** {@link #timer()} when no timer of this key's is known to be pending. */
    public static final long NO_TIMER = Long.MIN_VALUE;

    private long[] ends;
    private RowData[] accs;
    private int size;
    private long timer = NO_TIMER;

    public SliceRing(int capacity) {
        ends = new long[Math.max(1, capacity)];
        accs = new RowData[ends.length];
    }

    public int size() {
        return size;
    }

    public long end(int i) {
        return ends[i];
    }

    public RowData acc(int i) {
        return accs[i];
    }

    /** The slot of the slice ending at {@code sliceEnd}, or -1: records mostly go to the newest. */
    public int indexOf(long sliceEnd) {
        for (int i = size - 1; i >= 0; i--) {
            if (ends[i] == sliceEnd) {
                return i;
            }
            if (ends[i] < sliceEnd) {
                return -1;
            }
        }
        return -1;
    }

    /** Sets the accumulator of slot {@code i}, or adds the slice in order when {@code i} is -1. */
    public void put(int i, long sliceEnd, RowData acc) {
        if (i >= 0) {
            accs[i] = acc;
            return;
        }
        if (size == ends.length) {
            ends = Arrays.copyOf(ends, size * 2);
            accs = Arrays.copyOf(accs, size * 2);
        }
        int at = size;
        while (at > 0 && ends[at - 1] > sliceEnd) {
            at--;
        }
        System.arraycopy(ends, at, ends, at + 1, size - at);
        System.arraycopy(accs, at, accs, at + 1, size - at);
        ends[at] = sliceEnd;
        accs[at] = acc;
        size++;
    }

    /** Forgets every slice ending at or before {@code sliceEnd}. */
    public void removeThrough(long sliceEnd) {
        int drop = 0;
        while (drop < size && ends[drop] <= sliceEnd) {
            drop++;
        }
        if (drop == 0) {
            return;
        }
        System.arraycopy(ends, drop, ends, 0, size - drop);
        System.arraycopy(accs, drop, accs, 0, size - drop);
        Arrays.fill(accs, size - drop, size, null);
        size -= drop;
    }

    /** The end of the first slice ending after {@code t}, or {@link #NO_TIMER}. */
    public long firstEndAfter(long t) {
        for (int i = 0; i < size; i++) {
            if (ends[i] > t) {
                return ends[i];
            }
        }
        return NO_TIMER;
    }

    public long timer() {
        return timer;
    }

    public void timer(long windowEnd) {
        this.timer = windowEnd;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SliceRing{timer=").append(timer);
        for (int i = 0; i < size; i++) {
            text.append(", ").append(ends[i]).append('=').append(accs[i]);
        }
        return text.append('}').toString();
    }
}
