// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * A set of held streams opened with a bounded number of set-ups in flight, and what they saw:
 * when each was established, every delivery's latency, clean ends and failures. State lives on
 * the loop thread; the main thread reads it with {@link Loop#call}.
 */
final class StreamGroup
{
    private final Loop loop;
    private final InetSocketAddress proxy;
    private final List<StreamClient> clients = new ArrayList<>();
    final Latencies latencies = new Latencies();
    private final Map<String, Integer> failures = new TreeMap<>();
    private int next;
    private int total;
    private int window;
    private int inFlight;
    private IntFunction<ByteBuffer> requests;
    private int retriesLeft;
    /** Set-ups refused or dropped before their head and opened again (when retries are allowed). */
    int retried;
    int established;
    int failed;
    int ended;
    long delivered;
    /**
     * Markers a stream received twice, and ones older than an earlier marker on the same stream:
     * meaningful where each publish carries one item and one publisher sends them in turn.
     */
    long duplicates;
    long reordered;
    long firstOpenNanos;
    long lastEstablishedNanos;
    long lastDeliveryNanos;

    StreamGroup(Loop loop, InetSocketAddress proxy)
    {
        this.loop = loop;
        this.proxy = proxy;
    }

    /** The pre-encoded GET for a stream on {@code channel}. */
    static ByteBuffer streamRequest(String channel)
    {
        String request = "GET /stream?ch=" + channel + " HTTP/1.1\r\nHost: bench\r\nUser-Agent: holdfast-bench\r\n\r\n";
        return ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
    }

    /** Opens {@code count} streams, at most {@code window} waiting for their heads at once (call from any thread). */
    void open(int count, int window, IntFunction<ByteBuffer> requestFor)
    {
        open(count, window, 0, requestFor);
    }

    /**
     * As {@link #open(int, int, IntFunction)}, opening a stream again (up to {@code retries} times
     * over the whole group) when its set-up fails: for scenarios that measure what comes after.
     */
    void open(int count, int window, int retries, IntFunction<ByteBuffer> requestFor)
    {
        loop.execute(() ->
        {
            this.retriesLeft = retries;
            this.requests = requestFor;
            this.total += count;
            this.window = window;
            if (firstOpenNanos == 0)
                firstOpenNanos = System.nanoTime();
            pump();
        });
    }

    private void pump()
    {
        while (inFlight < window && next < total)
        {
            StreamClient client = new StreamClient(loop, this, next, requests.apply(next));
            next++;
            inFlight++;
            clients.add(client);
            client.open(proxy);
        }
    }

    void established(StreamClient client, long nanoTime)
    {
        established++;
        lastEstablishedNanos = nanoTime;
        inFlight--;
        pump();
    }

    void delivered(StreamClient client, long latencyNanos, long nanoTime)
    {
        delivered++;
        lastDeliveryNanos = nanoTime;
        latencies.add(latencyNanos);
    }

    void ended(StreamClient client)
    {
        ended++;
    }

    void failed(StreamClient client, String why)
    {
        if (!client.established && retriesLeft > 0)
        {
            retriesLeft--;
            retried++;
            failures.merge("retried after: " + why, 1, Integer::sum);
            clients.remove(client);
            StreamClient again = new StreamClient(loop, this, client.index, requests.apply(client.index));
            clients.add(again);
            again.open(proxy);
            return;
        }
        failed++;
        failures.merge(why, 1, Integer::sum);
        if (!client.established)
        {
            inFlight--;
            pump();
        }
    }

    /** Waits until every stream asked for is established or failed; false on timeout. */
    boolean awaitOpen(long timeoutMillis)
    {
        return Waits.until(timeoutMillis, () -> loop.call(() -> established + failed >= total));
    }

    /** Waits for {@code expected} recorded deliveries; false on timeout. */
    boolean awaitDeliveries(long expected, long timeoutMillis)
    {
        return Waits.until(timeoutMillis, () -> loop.call(() -> delivered >= expected));
    }

    /** Waits until every established stream ended (a published close) or failed. */
    boolean awaitEnded(long timeoutMillis)
    {
        return Waits.until(timeoutMillis, () -> loop.call(() -> ended + failed >= total));
    }

    long deliveredNow()
    {
        return loop.call(() -> delivered);
    }

    /** Failure reasons and counts, for the log. */
    String failureSummary()
    {
        return loop.call(failures::toString);
    }

    /** Drops every connection still open (RST, no TIME_WAIT) and forgets them. */
    void closeAll()
    {
        loop.call(() ->
        {
            for (StreamClient client : clients)
            {
                client.done = true;
                client.abort();
            }
            clients.clear();
            return null;
        });
    }

    /** Streams established and still open: the ones being held now. */
    int held()
    {
        return loop.call(() -> (int)clients.stream().filter(c -> c.established && !c.done).count());
    }
}
