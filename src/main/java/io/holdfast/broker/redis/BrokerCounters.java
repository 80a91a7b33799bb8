// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.concurrent.atomic.AtomicLong;

/** What {@link RedisBroker#describe()} reports: counts since start. Thread-safe. */
final class BrokerCounters
{
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong epochs = new AtomicLong();
    private volatile int subscribed;

    void published(int items)
    {
        published.addAndGet(items);
    }

    void refused(int items)
    {
        refused.addAndGet(items);
    }

    void received()
    {
        received.incrementAndGet();
    }

    void gap()
    {
        gaps.incrementAndGet();
    }

    /** A publish started a new epoch (its channel had none: first use, expiry, or a Redis restart). */
    void newEpoch()
    {
        epochs.incrementAndGet();
    }

    void subscribed(int channels)
    {
        subscribed = channels;
    }

    @Override
    public String toString()
    {
        return subscribed + " channels subscribed, " + published + " published, " + refused + " refused, " + received
            + " received, " + gaps + " gaps, " + epochs + " epochs started";
    }
}
