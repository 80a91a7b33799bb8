// SPDX-License-Identifier: Apache-2.0
package io.holdfast.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus-style histogram of seconds with fixed buckets, cheap enough to observe on every
 * delivery: one striped counter per bucket, no locks. Thread-safe.
 */
public final class LatencyHistogram
{
    /** Upper bounds in seconds; the last bucket is +Inf. */
    static final double[] BOUNDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
    private final LongAdder count = new LongAdder();
    private final LongAdder sumNanos = new LongAdder();

    LatencyHistogram()
    {
        for (int i = 0; i < buckets.length; i++)
            buckets[i] = new LongAdder();
    }

    public void observeNanos(long nanos)
    {
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < BOUNDS.length && seconds > BOUNDS[i])
            i++;
        buckets[i].increment();
        count.increment();
        sumNanos.add(nanos);
    }

    /** Bucket upper bounds in seconds, without the final +Inf. */
    public double[] bounds()
    {
        return BOUNDS.clone();
    }

    /** Cumulative counts per bound, the last being the total (+Inf). */
    public long[] cumulativeCounts()
    {
        long[] counts = new long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++)
        {
            running += buckets[i].sum();
            counts[i] = running;
        }
        return counts;
    }

    public long count()
    {
        return count.sum();
    }

    public double sumSeconds()
    {
        return sumNanos.sum() / 1e9;
    }

    /** Forgets every observation; for use while nothing is observed. */
    void reset()
    {
        for (LongAdder bucket : buckets)
            bucket.reset();
        count.reset();
        sumNanos.reset();
    }
}
