// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Issue 17's scenarios, Holdfast's own (no peer keeps a history or scales out this way): delivery
 * across instances sharing a Redis ({@code redis-fanout}) and history catch-up of reconnecting
 * streams ({@code catchup}). On {@link HoldfastRedisProxy} the fan-out's streams are split over its
 * two instances; on one instance they are all on it, at the same publish rate, as the comparison.
 * Latency is measured as everywhere else in the benchmark ({@link Stamp}).
 */
final class ScaleOut
{
    /** Subscribers of the fan-out, and streams that catch up. */
    static final int STREAMS = 1000;
    /** Fan-out publishes, one item each, {@link #INTERVAL_MILLIS} apart: 20,000 deliveries a run. */
    static final int MESSAGES = 20;
    static final long INTERVAL_MILLIS = 200;
    /** Items published before the streams catch up: the default history size, so all are still there. */
    static final int HISTORY = 100;
    private final Loop loop;
    private final Proxy proxy;
    private final Scenarios.Log log;
    private int sequence;

    ScaleOut(Loop loop, Proxy proxy, Scenarios.Log log)
    {
        this.loop = loop;
        this.proxy = proxy;
        this.log = log;
    }

    /**
     * {@link #STREAMS} streams on one channel, half on each instance of a scaled-out target (all on
     * the one instance otherwise), then {@link #MESSAGES} publishes to instance A's control API.
     * Latencies of all streams, and apart those on A (local) and on B (across Redis).
     */
    Map<String, Double> fanOut(Sizes s)
    {
        String ch = "fan-" + (++sequence);
        InetSocketAddress other = proxy instanceof HoldfastRedisProxy r ? r.secondHttp() : null;
        int onA = other == null ? STREAMS : STREAMS / 2;
        List<StreamGroup> groups = new ArrayList<>();
        groups.add(open(proxy.http, onA, s.openWindow(), request("/stream?ch=" + ch)));
        if (other != null)
            groups.add(open(other, STREAMS - onA, s.openWindow(), request("/stream?ch=" + ch)));
        // Past the first subscriber's re-check (1 s), as the 10,000-stream scenario.
        Waits.sleep(1500);
        PublishBody body = proxy.streamPublish(ch, 1);
        long t0 = System.nanoTime();
        long publishErrors = 0;
        for (int k = 0; k < MESSAGES; k++)
        {
            Waits.sleepUntil(t0 + k * INTERVAL_MILLIS * 1_000_000L);
            publishErrors += Publishing.once(loop, proxy.control, body, 30_000).failed;
        }
        for (StreamGroup g : groups)
            g.awaitDeliveries(loop.call(() -> g.established) * (long)MESSAGES, 30_000);
        Waits.sleep(200);
        Map<String, Double> out = new LinkedHashMap<>();
        long[] all = groups.stream().flatMapToLong(g -> LongStream.of(loop.call(g.latencies::sorted))).sorted().toArray();
        Subscribers.latencies(out, "fan", all);
        if (other != null)
        {
            Subscribers.latencies(out, "fan.local", loop.call(groups.get(0).latencies::sorted));
            Subscribers.latencies(out, "fan.remote", loop.call(groups.get(1).latencies::sorted));
        }
        check(out, "fan", groups, other == null ? List.of(onA) : List.of(onA, STREAMS - onA), publishErrors, MESSAGES);
        close(groups, ch);
        return out;
    }

    /**
     * {@link #HISTORY} items (ids 1..N, each naming the one before as its prev-id) published to a
     * channel nobody holds yet, then {@link #STREAMS} streams whose origin answers {@code prev-id=1}:
     * each must get the N-1 items after it, in order. Items replayed per second (all streams', from
     * the first connect to the last item) and how long until all had all.
     */
    Map<String, Double> catchUp(Sizes s)
    {
        String ch = "catchup-" + (++sequence);
        PublishBody[] items = new PublishBody[HISTORY];
        for (int i = 0; i < HISTORY; i++)
            items[i] = PublishBody.of(PublishBody.streamItem(ch, Integer.toString(i + 1), i == 0 ? null : Integer.toString(i)));
        Publishing history = Publishing.start(loop, proxy.control, 1, HISTORY, 0, 0, i -> items[(int)i]);
        history.await(30_000);
        long publishErrors = loop.call(() -> history.failed);
        Waits.sleep(200);
        StreamGroup group = open(proxy.http, STREAMS, s.openWindow(), request("/stream-from?ch=" + ch + "&prev-id=1"));
        long expected = (long)STREAMS * (HISTORY - 1);
        group.awaitDeliveries(expected, 60_000);
        // Anything delivered twice arrives right behind.
        Waits.sleep(300);
        Map<String, Double> out = new LinkedHashMap<>();
        long delivered = group.deliveredNow();
        long first = loop.call(() -> group.firstOpenNanos);
        long last = loop.call(() -> group.lastDeliveryNanos);
        out.put("catchup.rate", delivered * 1e9 / Math.max(1, last - first));
        out.put("catchup.all", delivered >= expected ? (last - first) / 1e6 : Double.NaN);
        out.put("catchup.held", (loop.call(() -> group.lastEstablishedNanos) - first) / 1e6);
        check(out, "catchup", List.of(group), List.of(STREAMS), publishErrors, HISTORY - 1);
        close(List.of(group), ch);
        return out;
    }

    private static ByteBuffer request(String target)
    {
        String request = "GET " + target + " HTTP/1.1\r\nHost: bench\r\nUser-Agent: holdfast-bench\r\n\r\n";
        return ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
    }

    /** {@code count} streams on {@code at}, refused set-ups retried, as the fan-out scenarios' are. */
    private StreamGroup open(InetSocketAddress at, int count, int window, ByteBuffer request)
    {
        StreamGroup group = new StreamGroup(loop, at);
        group.open(count, window, count, i -> request);
        if (!group.awaitOpen(120_000))
            log.line("  streams: only " + loop.call(() -> group.established) + " of " + count + " established on " + at);
        return group;
    }

    /**
     * Errors (failed streams and publishes), missing deliveries (asked-for streams times
     * {@code perStream}, less those received), duplicates and items out of order, over all groups
     * ({@code asked} streams asked of each).
     */
    private void check(Map<String, Double> out, String prefix, List<StreamGroup> groups, List<Integer> asked,
                       long publishErrors, long perStream)
    {
        long failed = 0;
        long missing = 0;
        long duplicates = 0;
        long reordered = 0;
        StringBuilder detail = new StringBuilder();
        for (int i = 0; i < groups.size(); i++)
        {
            StreamGroup g = groups.get(i);
            long[] f = loop.call(() -> new long[] {g.failed, g.established, g.delivered, g.duplicates, g.reordered});
            long n = asked.get(i);
            failed += f[0] + Math.max(0, n - f[1] - f[0]);
            missing += Math.max(0, n * perStream - f[2]);
            duplicates += f[3];
            reordered += f[4];
            detail.append(String.format(Locale.ROOT, "; %d/%d established, %d/%d delivered, %d duplicated, %d out of order, failures %s",
                f[1], n, f[2], n * perStream, f[3], f[4], g.failureSummary()));
        }
        out.put(prefix + ".errors", (double)(failed + publishErrors));
        out.put(prefix + ".missing", (double)missing);
        out.put(prefix + ".duplicates", (double)duplicates);
        out.put(prefix + ".reordered", (double)reordered);
        if (failed + publishErrors + missing + duplicates + reordered > 0)
            log.line("  " + prefix + ": failed publishes " + publishErrors + detail);
    }

    /** Ends every stream with one close published to instance A (it reaches B through Redis), then drops them. */
    private void close(List<StreamGroup> groups, String channel)
    {
        try
        {
            Publishing.once(loop, proxy.control, proxy.closePublish(List.of(channel)), 30_000);
        }
        catch (RuntimeException e)
        {
            log.line("  close publish failed: " + e.getMessage());
        }
        for (StreamGroup g : groups)
        {
            g.awaitEnded(10_000);
            g.closeAll();
        }
    }
}
