// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters since start for {@code /metrics}: items received, deliveries per transport, clients
 * closed for being slow, publishes refused, the queued-bytes budget and the publish-to-delivery
 * latency. The hub and the transports report here; the stats socket's per-interval counters are
 * kept apart, in {@link HubActivity}. Thread-safe.
 */
public final class HubMetrics
{
    private static final ThreadLocal<long[]> PUBLISH_START = ThreadLocal.withInitial(() -> new long[2]);

    private final LongAdder received = new LongAdder();
    private final Map<Transport, LongAdder> delivered = new EnumMap<>(Transport.class);
    private final LongAdder slowClosed = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final QueueBudget budget;

    private static final HubMetrics DETACHED = new HubMetrics(new QueueBudget(0));

    /** Metrics nobody reads, for output that is not a subscriber's (one-shot responses). */
    public static HubMetrics detached()
    {
        return DETACHED;
    }

    HubMetrics(QueueBudget budget)
    {
        this.budget = budget;
        for (Transport transport : Transport.values())
            delivered.put(transport, new LongAdder());
    }

    /**
     * When the publish being fanned out on this thread started (System.nanoTime), so what a
     * transport queues can report its latency once written; 0 outside a publish.
     */
    public static long publishStartNanos()
    {
        return PUBLISH_START.get()[0];
    }

    /**
     * How many subscribers the item being fanned out on this thread goes to (0 outside a fan-out):
     * transports write to a few at once, and hand a large fan-out to their writers.
     */
    public static long fanOutSize()
    {
        return PUBLISH_START.get()[1];
    }

    /**
     * Runs {@code action} as part of the publish that started at {@code startNanos}: a transport
     * that held a message until its client was ready hands it on later, on another thread, and
     * its latency still counts from that publish.
     */
    public static void replaying(long startNanos, Runnable action)
    {
        long[] state = PUBLISH_START.get();
        long saved = state[0];
        state[0] = startNanos;
        try
        {
            action.run();
        }
        finally
        {
            state[0] = saved;
        }
    }

    static void publishing(long startNanos)
    {
        PUBLISH_START.get()[0] = startNanos;
    }

    static void fanningOut(int subscribers)
    {
        PUBLISH_START.get()[1] = subscribers;
    }

    void itemReceived()
    {
        received.increment();
    }

    void itemDelivered(Transport transport, int count)
    {
        delivered.get(transport).add(count);
    }

    /** A transport dropped a client that could not keep up. */
    public void slowClientClosed()
    {
        slowClosed.increment();
    }

    /** The publish API refused a batch (budget exhausted or rate exceeded). */
    public void publishRefused()
    {
        refused.increment();
    }

    /** A published message reached a client's socket {@code nanos} after its publish started. */
    public void deliveredAfter(long publishStartNanos)
    {
        if (publishStartNanos != 0)
            latency.observeNanos(System.nanoTime() - publishStartNanos);
    }

    public long received()
    {
        return received.sum();
    }

    public long delivered(Transport transport)
    {
        return delivered.get(transport).sum();
    }

    public long slowClosed()
    {
        return slowClosed.sum();
    }

    public long refused()
    {
        return refused.sum();
    }

    public LatencyHistogram latency()
    {
        return latency;
    }

    public QueueBudget budget()
    {
        return budget;
    }
}
