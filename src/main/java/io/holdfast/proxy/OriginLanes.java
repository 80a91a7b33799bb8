// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * At most {@code lanes} retries in flight to one origin; the rest wait their turn. One second after
 * a channel's first subscriber, every request held on it asks its origin again: 10,000 clients that
 * arrived in a burst sent 10,000 requests at once, and each opened a connection of its own. In lanes
 * as many as the origin pool keeps idle, they reuse those instead. Thread-safe.
 */
final class OriginLanes
{
    private final int lanes;
    private final Map<String, Lane> byOrigin = new ConcurrentHashMap<>();

    OriginLanes(int lanes)
    {
        this.lanes = Math.max(1, lanes);
    }

    /**
     * Runs {@code retry} now or once a lane to {@code origin} is free; it is handed the runnable to
     * call, exactly once, when its request has finished (answered or failed).
     */
    void run(String origin, Consumer<Runnable> retry)
    {
        Lane lane = byOrigin.computeIfAbsent(key(origin), k -> new Lane());
        if (lane.enter(retry))
            start(lane, retry);
    }

    // Iterative, not recursive: a retry that finishes while it starts (the test target answers at
    // once) hands its lane on here, so 10,000 of them do not pile up on one stack.
    private void start(Lane lane, Consumer<Runnable> first)
    {
        for (Consumer<Runnable> retry = first; retry != null; )
        {
            Turn turn = new Turn(lane);
            try
            {
                retry.accept(turn);
            }
            catch (RuntimeException e)
            {
                turn.run();
                throw e;
            }
            retry = turn.started();
        }
    }

    /** One retry's place in its lane: done once, then the lane's next retry goes. */
    private final class Turn implements Runnable
    {
        private final Lane lane;
        private boolean starting = true;
        private boolean done;
        private Consumer<Runnable> next;

        Turn(Lane lane)
        {
            this.lane = lane;
        }

        @Override
        public void run()
        {
            Consumer<Runnable> following;
            synchronized (this)
            {
                if (done)
                    return;
                done = true;
                following = lane.leave();
                if (starting)
                {
                    // start() is still in accept(): it runs the next one when that returns.
                    next = following;
                    return;
                }
            }
            if (following != null)
                start(lane, following);
        }

        // accept() has returned: the next retry to start now, if this one already finished.
        synchronized Consumer<Runnable> started()
        {
            starting = false;
            return next;
        }
    }

    // Scheme, host and port: what one pool of connections serves.
    private static String key(String origin)
    {
        URI uri = URI.create(origin);
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private final class Lane
    {
        private final Queue<Consumer<Runnable>> waiting = new ArrayDeque<>();
        private int inFlight;

        synchronized boolean enter(Consumer<Runnable> retry)
        {
            if (inFlight < lanes)
            {
                inFlight++;
                return true;
            }
            waiting.add(retry);
            return false;
        }

        // The lane's next retry, which takes over the freed place, or null.
        synchronized Consumer<Runnable> leave()
        {
            Consumer<Runnable> next = waiting.poll();
            if (next == null)
                inFlight--;
            return next;
        }
    }
}
