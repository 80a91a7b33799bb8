// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.holdfast.transport.HoldClock;

/**
 * A clock and timer that move only when a test says so, for tests whose subject is time: a
 * timeout or keep-alive is checked by advancing past it, not by waiting for it. Scheduled tasks
 * run on the thread that calls {@link #advance}, in due order; {@link #execute} hands its task to
 * a real thread at once, as a timer's zero-delay hop would.
 */
public final class ManualClock extends AbstractExecutorService implements ScheduledExecutorService
{
    private final PriorityQueue<Task<?>> pending = new PriorityQueue<>();
    private final ExecutorService now = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "manual-clock-execute");
        thread.setDaemon(true);
        return thread;
    });
    private long nanos = 1_000_000_000L;
    private long sequence;
    private volatile boolean shutdown;

    /** This clock as the hold clock Holdfast runs on. */
    public HoldClock holdClock()
    {
        return new HoldClock(this, this::nanoTime);
    }

    public synchronized long nanoTime()
    {
        return nanos;
    }

    /** Moves time on by {@code by}, running each task that falls due on the way, at its time. */
    public void advance(Duration by)
    {
        long target;
        synchronized (this)
        {
            target = nanos + by.toNanos();
        }
        while (true)
        {
            Task<?> task;
            synchronized (this)
            {
                task = pending.peek();
                if (task == null || task.at > target)
                {
                    nanos = target;
                    return;
                }
                pending.poll();
                nanos = Math.max(nanos, task.at);
            }
            task.fire();
        }
    }

    /** How far ahead the earliest task still pending is due. */
    public synchronized Optional<Duration> nextDue()
    {
        pending.removeIf(Task::isCancelled);
        return Optional.ofNullable(pending.peek()).map(task -> Duration.ofNanos(task.at - nanos));
    }

    /** How far ahead each pending task is due, soonest first. */
    public synchronized List<Duration> dueIn()
    {
        pending.removeIf(Task::isCancelled);
        return pending.stream().sorted().map(task -> Duration.ofNanos(task.at - nanos)).toList();
    }

    /** How many tasks are pending. */
    public synchronized int pendingCount()
    {
        pending.removeIf(Task::isCancelled);
        return pending.size();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit)
    {
        return add(new Task<>(Executors.callable(command), unit.toNanos(delay), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit)
    {
        return add(new Task<>(callable, unit.toNanos(delay), 0));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit)
    {
        return add(new Task<>(Executors.callable(command), unit.toNanos(initialDelay), unit.toNanos(period)));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit)
    {
        return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    private synchronized <V> Task<V> add(Task<V> task)
    {
        task.at = nanos + Math.max(0, task.delay);
        task.order = sequence++;
        pending.add(task);
        return task;
    }

    @Override
    public void execute(Runnable command)
    {
        now.execute(command);
    }

    @Override
    public void shutdown()
    {
        shutdown = true;
        now.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow()
    {
        shutdown();
        synchronized (this)
        {
            List<Runnable> left = new ArrayList<>(pending);
            pending.clear();
            return left;
        }
    }

    @Override
    public boolean isShutdown()
    {
        return shutdown;
    }

    @Override
    public boolean isTerminated()
    {
        return shutdown && now.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException
    {
        return now.awaitTermination(timeout, unit);
    }

    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V>
    {
        private final long delay;
        private final long period;
        private long at;
        private long order;

        Task(Callable<V> callable, long delay, long period)
        {
            super(callable);
            this.delay = delay;
            this.period = period;
        }

        void fire()
        {
            if (period == 0)
                run();
            else if (runAndReset())
            {
                synchronized (ManualClock.this)
                {
                    at += period;
                    pending.add(this);
                }
            }
        }

        @Override
        public long getDelay(TimeUnit unit)
        {
            return unit.convert(at - nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other)
        {
            Task<?> that = (Task<?>)other;
            int byTime = Long.compare(at, that.at);
            return byTime != 0 ? byTime : Long.compare(order, that.order);
        }
    }
}
