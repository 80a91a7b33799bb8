// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The cold figures: a proxy started moments ago and never warmed up, met by the clients of a
 * restart coming back all at once. How long until every stream is held (all set-ups in flight
 * together, a refused one retried as a reconnecting client would), then the latency of the first
 * publish to all of them (one per channel, on parallel connections) and of the following rounds,
 * a second apart. One call per freshly started proxy: the JIT, the pools and the heap are as the
 * first clients find them, so nothing else may run before it.
 */
final class ColdStart
{
    private final Loop loop;
    private final Proxy proxy;
    private final Subscribers subscribers;

    ColdStart(Loop loop, Proxy proxy, Scenarios.Log log)
    {
        this.loop = loop;
        this.proxy = proxy;
        this.subscribers = new Subscribers(loop, proxy, log);
    }

    /** The 10,000 streams of one channel, and the rounds of the 10,000 × 5 scenario. */
    Map<String, Double> oneChannel(Sizes s)
    {
        return run("cold.tenk", s.tenkSubs(), 1, 1, s.tenkMessages());
    }

    /** The 10,000 streams on 1,000 channels, and the rounds of that scenario. */
    Map<String, Double> manyChannels(Sizes s)
    {
        return run("cold.multi", s.multiSubs(), s.multiChannels(), s.multiPublishers(), s.multiRounds());
    }

    private Map<String, Double> run(String prefix, int count, int channels, int publishers, int rounds)
    {
        List<String> names = IntStream.range(0, channels).mapToObj(i -> "cold-" + i).toList();
        StreamGroup group = subscribers.open(count, count, count, i -> names.get(i % channels), 180_000);
        long holdNanos = loop.call(() -> group.lastEstablishedNanos - group.firstOpenNanos);
        int subs = loop.call(() -> group.established);
        // As in the warm scenarios: the publish meets held streams, not set-ups still settling.
        Waits.sleep(1000);
        PublishBody[] bodies = names.stream().map(n -> proxy.streamPublish(n, 1)).toArray(PublishBody[]::new);
        long failures = 0;
        long[] first = new long[0];
        long firstStart = System.nanoTime();
        for (int r = 0; r < rounds; r++)
        {
            Waits.sleepUntil(firstStart + r * 1_000_000_000L);
            Publishing round = Publishing.start(loop, proxy.control, Math.min(publishers, bodies.length), bodies.length,
                0, 0, i -> bodies[(int)i]);
            round.await(60_000);
            failures += loop.call(() -> round.failed);
            if (r == 0)
            {
                group.awaitDeliveries(subs, 30_000);
                first = loop.call(group.latencies::sorted);
            }
        }
        group.awaitDeliveries((long)subs * rounds, 30_000);
        int firstCount = first.length;
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(prefix + ".hold", holdNanos / 1e6);
        Subscribers.latencies(out, prefix + ".first", first);
        Subscribers.latencies(out, prefix + ".next", loop.call(() -> group.latencies.sortedFrom(firstCount)));
        subscribers.errors(out, prefix, group, count, failures, rounds);
        // The proxy is stopped next: dropping the streams is enough.
        group.closeAll();
        return out;
    }
}
