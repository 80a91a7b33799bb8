// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the heap back to the operating system once a flood of clients has left. The JVM sizes its
 * heap for the flood, and the objects of connections held for a few seconds sit in the old
 * generation, which G1 compacts only in mixed collections that an idle instance does not run: 15,000
 * streams that closed left 400 MB resident, 180 MB of it dead heap. When the held connections have
 * fallen to half of their peak, by at least {@value #MIN_DROP}, and stopped falling, this asks for
 * a full collection, after which G1 gives back what {@code MaxHeapFreeRatio} says is too much. The
 * pause grows with what is still live, not with what left (40–60 ms with 16 MB live), and comes at most
 * once per flood; {@code -XX:+DisableExplicitGC} turns it off. {@link #tick()} runs once a second
 * on the shared timer; not thread-safe beyond that.
 */
final class HeapTrim
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast");
    static final int MIN_DROP = 1000;
    static final int SETTLED_SLACK = 10;
    static final long MIN_INTERVAL_NANOS = 10_000_000_000L;

    private final IntSupplier connections;
    private final IntSupplier peaks;
    private final Runnable collect;
    private final boolean enabled;
    private int peak;
    private int previous = -1;
    private long lastTrim = System.nanoTime() - MIN_INTERVAL_NANOS;

    /**
     * @param connections the client connections held now
     * @param peaks       the most held at once since it was last asked, so that a flood between two ticks counts
     */
    HeapTrim(IntSupplier connections, IntSupplier peaks, Runnable collect, boolean enabled)
    {
        this.connections = connections;
        this.peaks = peaks;
        this.collect = collect;
        this.enabled = enabled;
    }

    /** The one the listener runs: a logged System.gc(), unless the JVM was told to ignore those. */
    static HeapTrim of(IntSupplier connections, IntSupplier peaks)
    {
        boolean enabled = !vmFlag("DisableExplicitGC");
        if (!enabled)
            LOG.info("heap trimming after floods is off: -XX:+DisableExplicitGC is set");
        return new HeapTrim(connections, peaks, HeapTrim::collect, enabled);
    }

    private static void collect()
    {
        Runtime runtime = Runtime.getRuntime();
        long usedBefore = runtime.totalMemory() - runtime.freeMemory();
        long start = System.nanoTime();
        System.gc();
        LOG.info("heap trimmed after held connections fell: {} MB used, {} MB in use after a {} ms collection, {} MB kept",
            usedBefore >> 20, (runtime.totalMemory() - runtime.freeMemory()) >> 20,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), runtime.totalMemory() >> 20);
    }

    /** Whether it asked for a collection this time. */
    boolean tick()
    {
        int now = connections.getAsInt();
        peak = Math.max(peak, Math.max(now, peaks.getAsInt()));
        // Stopped falling, give or take the few connections an instance always has coming and going.
        boolean settled = previous >= 0 && previous - now <= Math.max(SETTLED_SLACK, peak / 100);
        previous = now;
        if (!enabled || !settled || peak - now < MIN_DROP || now > peak / 2
            || System.nanoTime() - lastTrim < MIN_INTERVAL_NANOS)
            return false;
        LOG.debug("held connections fell from {} to {}", peak, now);
        peak = now;
        lastTrim = System.nanoTime();
        collect.run();
        return true;
    }

    private static boolean vmFlag(String name)
    {
        try
        {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotSpot != null && Boolean.parseBoolean(hotSpot.getVMOption(name).getValue());
        }
        catch (RuntimeException notHotSpot)
        {
            return false;
        }
    }
}
