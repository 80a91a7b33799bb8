// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order they were given, on a shared executor: the broker's
 * subscription state lives here, so it needs no locks, and Lettuce's event loop threads only
 * enqueue (they never run listener code). Occupies no thread while idle. Thread-safe.
 */
final class SerialLane implements Executor
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.broker");

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialLane(Executor executor)
    {
        this.executor = executor;
    }

    @Override
    public void execute(Runnable task)
    {
        tasks.add(task);
        schedule();
    }

    private void schedule()
    {
        if (scheduled.compareAndSet(false, true))
        {
            try
            {
                executor.execute(this::drain);
            }
            catch (RuntimeException rejected)
            {
                // the executor shut down: the broker is closing, and its tasks no longer matter
                scheduled.set(false);
                tasks.clear();
            }
        }
    }

    private void drain()
    {
        try
        {
            Runnable task;
            // a bounded batch, so a busy lane does not hog a thread that timers share
            for (int i = 0; i < 1024 && (task = tasks.poll()) != null; i++)
            {
                try
                {
                    task.run();
                }
                catch (RuntimeException e)
                {
                    LOG.error("broker task failed", e);
                }
            }
        }
        finally
        {
            scheduled.set(false);
            if (!tasks.isEmpty())
                schedule();
        }
    }
}
