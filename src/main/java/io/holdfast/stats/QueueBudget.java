// SPDX-License-Identifier: Apache-2.0
package io.holdfast.stats;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes queued for all clients together. Each client's queue is bounded too, but many clients
 * just under their bound could still exhaust memory; past this budget the publish API refuses
 * batches ({@code 503}) so publishers know instead of items being dropped, and the inputs that
 * cannot refuse (ZeroMQ) wait for room ({@link #awaitRoom}). Thread-safe.
 */
public final class QueueBudget
{
    private final long limit;
    private final AtomicLong queued = new AtomicLong();
    private final Object freed = new Object();
    // Changed only under the monitor of freed; read without it by release(), which then takes it.
    private volatile int waiting;

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
        long now = queued.addAndGet(-bytes);
        // A waiter counted after this read sees the lower total itself before it waits.
        if (waiting > 0 && now < limit)
        {
            synchronized (freed)
            {
                freed.notifyAll();
            }
        }
    }

    /** Returns once the budget is not {@link #exhausted}: what is queued has been written or dropped. */
    public void awaitRoom() throws InterruptedException
    {
        if (!exhausted())
            return;
        synchronized (freed)
        {
            waiting++;
            try
            {
                while (exhausted())
                    freed.wait();
            }
            finally
            {
                waiting--;
            }
        }
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
