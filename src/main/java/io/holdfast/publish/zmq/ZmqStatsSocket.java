// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.zmq;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import io.holdfast.stats.HubActivity;
import io.holdfast.stats.HubEvent;
import io.holdfast.stats.StatsEncoder;

/**
 * The ZeroMQ stats socket ({@code stats_spec}, GRIP §10.2): a PUB socket sending a message for each
 * connection, subscription and delivery the hub's activity reports, a {@code report} every interval,
 * and, like Pushpin, every held connection and subscription again before its TTL runs out so a
 * consumer that expires entries keeps them. Runs on its own thread; reporters only queue. A reporter
 * faster than the socket loses events (counted) rather than waiting.
 */
final class ZmqStatsSocket extends ZmqLoop
{
    private static final int QUEUE = 65_536;
    /** Entries are sent again after three quarters of the shorter TTL, as Pushpin does. */
    private static final long REFRESH_MILLIS = TimeUnit.SECONDS.toMillis(StatsEncoder.SUBSCRIPTION_TTL) * 3 / 4;

    private final String spec;
    private final HubActivity activity;
    private final StatsEncoder encoder;
    private final long reportMillis;
    private final ArrayBlockingQueue<HubEvent> events = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private volatile String bound = "";
    // loop thread only
    private ZMQ.Socket pub;
    private long nextReport;
    private long nextRefresh;

    ZmqStatsSocket(ZMQ.Context context, String spec, HubActivity activity, long reportSeconds)
    {
        super(context, "stats");
        this.spec = spec;
        this.activity = activity;
        this.encoder = new StatsEncoder(activity.instanceId());
        this.reportMillis = TimeUnit.SECONDS.toMillis(reportSeconds);
    }

    String bound()
    {
        return bound;
    }

    @Override
    List<ZMQ.Socket> open()
    {
        pub = socket(SocketType.PUB);
        bound = bind(pub, spec);
        long now = now();
        nextReport = reportMillis > 0 ? now + reportMillis : Long.MAX_VALUE;
        nextRefresh = now + REFRESH_MILLIS;
        activity.setListener(this::queue);
        // a PUB socket has nothing to read: the loop only wakes for queued events and timers
        return List.of();
    }

    private void queue(HubEvent event)
    {
        if (events.offer(event))
            wake();
        else if (dropped.incrementAndGet() % 10_000 == 1)
            LOG.warn("stats: queue full, dropping events ({} so far)", dropped.get());
    }

    @Override
    long pollMillis()
    {
        return Math.max(1, Math.min(nextReport, nextRefresh) - now());
    }

    @Override
    void woken()
    {
        HubEvent event;
        while ((event = events.poll()) != null)
            pub.send(encoder.encode(event), ZMQ.DONTWAIT);
        long now = now();
        if (now >= nextReport)
        {
            pub.send(encoder.encode(activity.takeReport()), ZMQ.DONTWAIT);
            nextReport = now + reportMillis;
        }
        if (now >= nextRefresh)
        {
            activity.current().forEach(e -> pub.send(encoder.encode(e), ZMQ.DONTWAIT));
            nextRefresh = now + REFRESH_MILLIS;
        }
    }

    private static long now()
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }
}
