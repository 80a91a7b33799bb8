// SPDX-License-Identifier: Apache-2.0
package io.holdfast.stats;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import io.holdfast.format.item.FormatKind;

/**
 * Counters since start for {@code /metrics}: items received, deliveries per transport, clients
 * closed for being slow, publishes refused, the queued-bytes budget and the publish-to-delivery
 * latency. The hub and the transports report here; the stats socket's per-interval counters are
 * kept apart, in {@link HubActivity}. Thread-safe.
 */
public final class HubMetrics
{
    private final LongAdder received = new LongAdder();
    private final Map<FormatKind, LongAdder> delivered = new EnumMap<>(FormatKind.class);
    private final LongAdder slowClosed = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder brokerFailed = new LongAdder();
    private final LongAdder unauthorized = new LongAdder();
    private final LongAdder originErrors = new LongAdder();
    /** The broker's state by name, or null when instances share none. */
    private volatile String brokerState;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final QueueBudget budget;

    private static final HubMetrics DETACHED = new HubMetrics(new QueueBudget(0));

    /** Metrics nobody reads, for output that is not a subscriber's (one-shot responses). */
    public static HubMetrics detached()
    {
        return DETACHED;
    }

    public HubMetrics(QueueBudget budget)
    {
        this.budget = budget;
        for (FormatKind transport : FormatKind.values())
            delivered.put(transport, new LongAdder());
    }

    /**
     * Forgets the items received and delivered and their latencies: what the start-up warm-up
     * published before any client came is not what a client's metrics should count.
     */
    public void resetCounts()
    {
        received.reset();
        delivered.values().forEach(LongAdder::reset);
        latency.reset();
    }

    public void itemReceived()
    {
        received.increment();
    }

    public void itemDelivered(FormatKind transport, int count)
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

    /** A client was answered 502 or 504 because its origin failed (or sent unusable instructions). */
    public void originError()
    {
        originErrors.increment();
    }

    public long originErrors()
    {
        return originErrors.sum();
    }

    /** A control API request was refused for want of a valid publish key or token. */
    public void controlUnauthorized()
    {
        unauthorized.increment();
    }

    public long unauthorized()
    {
        return unauthorized.sum();
    }

    /** The broker (Redis) is now in {@code state}: connecting, up or down. */
    public void brokerState(String state)
    {
        brokerState = state;
    }

    /** An item from a ZeroMQ or command input could not be handed to the broker, and reached no one. */
    public void brokerPublishFailed()
    {
        brokerFailed.increment();
    }

    /** The broker's state, or empty when instances share none. */
    public Optional<String> brokerState()
    {
        return Optional.ofNullable(brokerState);
    }

    public long brokerPublishFailures()
    {
        return brokerFailed.sum();
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

    public long delivered(FormatKind transport)
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
