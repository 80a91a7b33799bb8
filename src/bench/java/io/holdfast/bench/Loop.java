// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The load generator's one NIO thread: a selector, a task queue other threads post to, and timers.
 * Every {@link Conn} and every scenario's bookkeeping is touched only from this thread, so nothing
 * on the hot path locks or allocates; other threads talk to it with {@link #execute} and
 * {@link #call}.
 */
final class Loop implements Runnable
{
    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    /** Shared by every connection's read: data is consumed before the next read. */
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
    private final Thread thread;
    private volatile boolean running = true;
    private long timerSeq;

    Loop()
    {
        try
        {
            selector = Selector.open();
        }
        catch (IOException e)
        {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this, "bench-loop");
        thread.setDaemon(true);
        thread.start();
    }

    Selector selector()
    {
        return selector;
    }

    boolean inLoop()
    {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread (soon, in order). */
    void execute(Runnable task)
    {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code task} on the loop thread and waits for its result. */
    <T> T call(Supplier<T> task)
    {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() ->
        {
            try
            {
                result.complete(task.get());
            }
            catch (Throwable t)
            {
                result.completeExceptionally(t);
            }
        });
        try
        {
            return result.get(60, TimeUnit.SECONDS);
        }
        catch (Exception e)
        {
            throw new IllegalStateException("loop call failed", e);
        }
    }

    /** Runs {@code task} on the loop thread at {@code nanoTime} (loop thread only). */
    void at(long nanoTime, Runnable task)
    {
        timers.add(new Timer(nanoTime, timerSeq++, task));
    }

    void stop()
    {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run()
    {
        while (running)
        {
            try
            {
                runTasks();
                long timeoutMillis = 0;
                Timer next = timers.peek();
                if (next != null)
                {
                    long wait = next.due - System.nanoTime();
                    timeoutMillis = wait <= 0 ? -1 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait));
                }
                if (!tasks.isEmpty() || timeoutMillis < 0)
                    selector.selectNow();
                else
                    selector.select(timeoutMillis);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext())
                {
                    SelectionKey key = keys.next();
                    keys.remove();
                    ((Conn)key.attachment()).ready(key);
                }
                long now = System.nanoTime();
                while ((next = timers.peek()) != null && next.due <= now)
                {
                    timers.poll();
                    next.task.run();
                }
            }
            catch (Throwable t)
            {
                System.err.println("bench loop: " + t);
                t.printStackTrace();
            }
        }
        try
        {
            selector.close();
        }
        catch (IOException ignored)
        {
            // exiting
        }
    }

    private void runTasks()
    {
        Runnable task;
        while ((task = tasks.poll()) != null)
            task.run();
    }

    private record Timer(long due, long seq, Runnable task) implements Comparable<Timer>
    {
        @Override
        public int compareTo(Timer other)
        {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(seq, other.seq);
        }
    }
}
