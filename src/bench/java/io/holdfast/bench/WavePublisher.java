// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.net.InetSocketAddress;

/**
 * The long-poll scenario's publisher. It publishes once every client is waiting, the origin has
 * answered every poll sent, and the origin then saw no new poll for a quiet time, so the publish
 * meets held requests rather than requests still being set up. Publishing into set-ups measures
 * something else: Pushpin re-asks the origin for a long-poll that saw a publish while it was being
 * set up (GRIP's guard against a lost update), and a fixed fast publish rate keeps it doing so
 * forever, answering no one. The quiet time adapts to the proxy (the same rule for every proxy):
 * a publish that answered less than half of the clients doubles it (up to 2 s), one that
 * answered at least 90% shortens it by a fifth (down to 1 ms). A wave that waits longer than
 * {@code maxWaitMillis} is published anyway. Loop thread only, apart from start/stop.
 */
final class WavePublisher
{
    private static final long MIN_QUIET = 1_000_000L;
    private static final long MAX_QUIET = 2_000_000_000L;

    private final Loop loop;
    private final Publisher publisher;
    private final PublishBody body;
    private final Poller poller;
    private final OriginCounter counter;
    private final int clients;
    private final long maxWaitNanos;
    private long quietNanos;
    private boolean running;
    private boolean inFlight;
    private long lastPublish;
    private long cyclesAtPublish = -1;
    long ok;
    long failed;
    long forced;

    WavePublisher(Loop loop, InetSocketAddress control, PublishBody body, Poller poller, OriginCounter counter, int clients,
                  double quietMillis, long maxWaitMillis)
    {
        this.loop = loop;
        this.publisher = new Publisher(loop, control);
        this.body = body;
        this.poller = poller;
        this.counter = counter;
        this.clients = clients;
        this.quietNanos = (long)(quietMillis * 1_000_000L);
        this.maxWaitNanos = maxWaitMillis * 1_000_000L;
    }

    void start()
    {
        loop.execute(() ->
        {
            running = true;
            lastPublish = System.nanoTime();
            tick();
        });
    }

    void stop()
    {
        loop.call(() ->
        {
            running = false;
            return null;
        });
    }

    /** The quiet time the publisher has settled on, in milliseconds. */
    double quietMillis()
    {
        return loop.call(() -> quietNanos / 1e6);
    }

    private void tick()
    {
        if (!running)
            return;
        long now = System.nanoTime();
        if (!inFlight)
        {
            boolean allWaiting = poller.waiting >= clients && counter.value + poller.errors >= poller.sent;
            if (allWaiting && now - counter.changedNanos >= quietNanos)
                publish();
            else if (now - lastPublish > maxWaitNanos)
            {
                forced++;
                publish();
            }
        }
        loop.at(now + 500_000, this::tick);
    }

    private void publish()
    {
        if (cyclesAtPublish >= 0)
        {
            long answered = poller.cycles - cyclesAtPublish;
            if (answered < clients / 2)
                quietNanos = Math.min(MAX_QUIET, quietNanos * 2);
            else if (answered >= clients * 9L / 10)
                quietNanos = Math.max(MIN_QUIET, quietNanos * 4 / 5);
        }
        cyclesAtPublish = poller.cycles;
        inFlight = true;
        publisher.publish(body, (p, status, error) ->
        {
            inFlight = false;
            lastPublish = System.nanoTime();
            if (status / 100 == 2)
                ok++;
            else
                failed++;
        });
    }
}
