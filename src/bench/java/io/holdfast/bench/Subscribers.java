// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A scenario's held streams on one proxy: opened (failed set-ups retried when the scenario measures
 * what comes after), checked (failures, missing deliveries, latencies) and ended with a published
 * close, so no proxy keeps dead connections into the next scenario.
 */
final class Subscribers
{
    private final Loop loop;
    private final Proxy proxy;
    private final Scenarios.Log log;

    Subscribers(Loop loop, Proxy proxy, Scenarios.Log log)
    {
        this.loop = loop;
        this.proxy = proxy;
        this.log = log;
    }

    /**
     * Opens {@code count} streams, at most {@code window} set-ups in flight, retrying refused ones
     * up to {@code retries} times in all, and waits for them (up to {@code timeoutMillis}).
     */
    StreamGroup open(int count, int window, int retries, IntFunction<String> channelOf, long timeoutMillis)
    {
        StreamGroup group = new StreamGroup(loop, proxy.http);
        Map<String, ByteBuffer> requests = new LinkedHashMap<>();
        ByteBuffer[] byIndex = new ByteBuffer[count];
        for (int i = 0; i < count; i++)
            byIndex[i] = requests.computeIfAbsent(channelOf.apply(i), StreamGroup::streamRequest);
        group.open(count, window, retries, i -> byIndex[i]);
        if (!group.awaitOpen(timeoutMillis))
            log.line("  streams: only " + loop.call(() -> group.established) + " of " + count + " established after "
                + timeoutMillis + " ms");
        int retried = loop.call(() -> group.retried);
        if (retried > 0)
            log.line("  (" + retried + " stream set-ups refused and retried: " + group.failureSummary() + ")");
        return group;
    }

    /** Ends the streams with a published close (250 channels per publish), then drops them. */
    void close(StreamGroup group, List<String> channels)
    {
        for (int from = 0; from < channels.size(); from += 250)
        {
            try
            {
                Publishing.once(loop, proxy.control, proxy.closePublish(channels.subList(from,
                    Math.min(channels.size(), from + 250))), 30_000);
            }
            catch (RuntimeException e)
            {
                log.line("  close publish failed: " + e.getMessage());
            }
        }
        group.awaitEnded(10_000);
        group.closeAll();
    }

    /**
     * Failures (streams that failed or never got their head, failed publishes) and missing
     * deliveries (expected over all streams asked for, minus received), under {@code prefix}.
     */
    void errors(Map<String, Double> out, String prefix, StreamGroup group, int requested, long publishFailures,
                long expectedPerStream)
    {
        int failed = loop.call(() -> group.failed);
        int established = loop.call(() -> group.established);
        long neverAnswered = Math.max(0, requested - established - failed);
        long delivered = group.deliveredNow();
        long missing = Math.max(0, requested * expectedPerStream - delivered);
        out.put(prefix + ".errors", (double)(failed + neverAnswered + publishFailures));
        out.put(prefix + ".missing", (double)missing);
        if (failed + neverAnswered + publishFailures + missing > 0)
            log.line("  " + prefix + ": " + established + "/" + requested + " established, " + delivered + "/"
                + requested * expectedPerStream + " delivered, stream failures " + group.failureSummary()
                + ", failed publishes " + publishFailures);
    }

    /** The 50th and 99th percentiles and the maximum of {@code sorted} (nanoseconds), in ms, under {@code prefix}. */
    static void latencies(Map<String, Double> out, String prefix, long[] sorted)
    {
        out.put(prefix + ".p50", Latencies.percentileMillis(sorted, 50));
        out.put(prefix + ".p99", Latencies.percentileMillis(sorted, 99));
        out.put(prefix + ".max", Latencies.percentileMillis(sorted, 100));
    }
}
