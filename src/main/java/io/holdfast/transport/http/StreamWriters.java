// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Held outputs waiting to be drained, worked off by at most {@code parallelism} tasks of an
 * executor: a fan-out to ten thousand clients queues ten thousand drains but starts only as many
 * tasks as there are writers, instead of one per client. Thread-safe.
 */
public final class StreamWriters implements Executor
{
    private final ConcurrentLinkedQueue<Runnable> drains = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();
    private final Executor threads;
    private final int parallelism;

    public StreamWriters(Executor threads, int parallelism)
    {
        this.threads = threads;
        this.parallelism = parallelism;
    }

    @Override
    public void execute(Runnable drain)
    {
        drains.add(drain);
        startWorker();
    }

    private void startWorker()
    {
        while (true)
        {
            int now = running.get();
            if (now >= parallelism)
                return;
            if (running.compareAndSet(now, now + 1))
                break;
        }
        try
        {
            threads.execute(this::work);
        }
        catch (RejectedExecutionException stopping)
        {
            // Shutting down: the caller's thread does the work.
            work();
        }
    }

    private void work()
    {
        try
        {
            Runnable drain;
            while ((drain = drains.poll()) != null)
                drain.run();
        }
        finally
        {
            running.decrementAndGet();
        }
        // A drain queued after the last poll but before the decrement found every worker busy.
        if (!drains.isEmpty())
            startWorker();
    }
}
