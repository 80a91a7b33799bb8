// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes queued for all clients together. Each client's queue is bounded too, but many clients
 * just under their bound could still exhaust memory; past this budget the publish API refuses
 * batches ({@code 503}) so publishers know instead of items being dropped. Thread-safe.
 */
public final class QueueBudget
{
    private final long limit;
    private final AtomicLong queued = new AtomicLong();

    public QueueBudget(long limit)
    {
        this.limit = limit;
    }

    public void add(long bytes)
    {
        queued.addAndGet(bytes);
    }

    public void release(long bytes)
    {
        queued.addAndGet(-bytes);
    }

    public long queued()
    {
        return queued.get();
    }

    /** True when no more should be accepted (a limit of 0 means none). */
    public boolean exhausted()
    {
        return limit > 0 && queued.get() >= limit;
    }
}
