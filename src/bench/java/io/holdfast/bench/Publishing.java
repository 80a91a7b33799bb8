// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Runs publish requests over {@code parallel} publisher connections, each in a closed loop (the
 * next request as soon as the previous is answered, optionally no sooner than {@code interval}
 * after the previous one started), until {@code total} requests were sent or a deadline passed.
 * State lives on the loop thread.
 */
final class Publishing
{
    private final Loop loop;
    private final List<Publisher> publishers = new ArrayList<>();
    private final LongFunction<PublishBody> bodies;
    private final long total;
    private final long intervalNanos;
    private long deadlineNanos = Long.MAX_VALUE;
    private long sent;
    private boolean stopped;
    final Map<String, Integer> errors = new TreeMap<>();
    long ok;
    long failed;
    long items;
    long startNanos;
    long endNanos;
    int finishedPublishers;

    private Publishing(Loop loop, InetSocketAddress control, int parallel, long total, long intervalNanos,
                       LongFunction<PublishBody> bodies)
    {
        this.loop = loop;
        this.total = total;
        this.intervalNanos = intervalNanos;
        this.bodies = bodies;
        for (int i = 0; i < parallel; i++)
            publishers.add(new Publisher(loop, control));
    }

    /**
     * Starts publishing (call from any thread). {@code total} may be {@link Long#MAX_VALUE} with a
     * {@code durationMillis}; {@code durationMillis} 0 means no deadline.
     */
    static Publishing start(Loop loop, InetSocketAddress control, int parallel, long total, long durationMillis,
                            long intervalMillis, LongFunction<PublishBody> bodies)
    {
        Publishing run = new Publishing(loop, control, parallel, total, intervalMillis * 1_000_000L, bodies);
        loop.execute(() ->
        {
            run.startNanos = System.nanoTime();
            if (durationMillis > 0)
                run.deadlineNanos = run.startNanos + durationMillis * 1_000_000L;
            for (Publisher publisher : run.publishers)
                run.next(publisher);
        });
        return run;
    }

    /** Publishes one request on a fresh connection and waits for the answer. */
    static Publishing once(Loop loop, InetSocketAddress control, PublishBody body, long timeoutMillis)
    {
        Publishing run = start(loop, control, 1, 1, 0, 0, i -> body);
        if (!run.await(timeoutMillis))
            throw new IllegalStateException("publish not answered within " + timeoutMillis + " ms");
        return run;
    }

    private void next(Publisher publisher)
    {
        long now = System.nanoTime();
        if (stopped || sent >= total || now >= deadlineNanos)
        {
            publisher.close();
            if (++finishedPublishers == publishers.size())
                endNanos = now;
            return;
        }
        PublishBody body = bodies.apply(sent++);
        publisher.publish(body, (p, status, error) ->
        {
            if (status / 100 == 2)
            {
                ok++;
                items += body.items();
            }
            else
            {
                failed++;
                errors.merge(error != null ? error : "status " + status, 1, Integer::sum);
            }
            pace(p);
        });
    }

    private void pace(Publisher publisher)
    {
        if (intervalNanos <= 0)
        {
            next(publisher);
            return;
        }
        long due = publisher.lastStartNanos + intervalNanos;
        if (due <= System.nanoTime())
            next(publisher);
        else
            loop.at(due, () -> next(publisher));
    }

    /** Stops after the requests in flight (call from any thread). */
    void stop()
    {
        loop.execute(() -> stopped = true);
    }

    boolean await(long timeoutMillis)
    {
        return Waits.until(timeoutMillis, () -> loop.call(() -> finishedPublishers == publishers.size()));
    }

    int connections()
    {
        return loop.call(() -> publishers.stream().mapToInt(p -> p.connections).sum());
    }

    String errorSummary()
    {
        return loop.call(errors::toString);
    }

    long okNow()
    {
        return loop.call(() -> ok);
    }

    long itemsNow()
    {
        return loop.call(() -> items);
    }
}
