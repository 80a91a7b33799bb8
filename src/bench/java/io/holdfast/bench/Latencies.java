// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, kept whole (a few hundred thousand at most). Loop thread only. */
final class Latencies
{
    private long[] samples = new long[1 << 16];
    private int count;

    void add(long nanos)
    {
        if (count == samples.length)
            samples = Arrays.copyOf(samples, count * 2);
        samples[count++] = nanos;
    }

    int count()
    {
        return count;
    }

    /** A sorted copy, for percentiles off the loop thread. */
    long[] sorted()
    {
        return sortedFrom(0);
    }

    /** A sorted copy of the samples from the {@code from}-th on (those after an earlier {@link #count}). */
    long[] sortedFrom(int from)
    {
        long[] copy = Arrays.copyOfRange(samples, Math.min(from, count), count);
        Arrays.sort(copy);
        return copy;
    }

    /** The {@code p}-th percentile (0..100) of {@code sorted}, in milliseconds; NaN when empty. */
    static double percentileMillis(long[] sorted, double p)
    {
        if (sorted.length == 0)
            return Double.NaN;
        int index = (int)Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
