// SPDX-License-Identifier: Apache-2.0
package io.holdfast.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import jakarta.servlet.AsyncContext;

import io.holdfast.format.HeaderField;
import io.holdfast.instruct.ResponseSpec;
import io.holdfast.transport.http.HeldStream;
import io.holdfast.transport.http.HoldEnvironment;
import io.holdfast.transport.http.Recovery;
import io.holdfast.transport.http.Subscriptions;

/**
 * The dashboard's live feed, {@code GET /dashboard/events}: a Server-Sent Events stream held and
 * written by Holdfast's own streams ({@link HeldStream}: non-blocking writes, slow-client bounds,
 * departures), one {@code data:} event a second while anyone watches. One snapshot is made per
 * second and its bytes shared by every watcher. The stream subscribes to no channel, so the
 * publish and delivery counts it shows are the users' own. Thread-safe.
 */
final class DashboardStream implements AutoCloseable
{
    private static final long PERIOD_MILLIS = 1000;
    private static final ResponseSpec START = new ResponseSpec(200, Optional.empty(), List.of(
        new HeaderField("Content-Type", "text/event-stream"), new HeaderField("Cache-Control", "no-cache")), new byte[0]);

    private final HoldEnvironment holds;
    private final DashboardSnapshot snapshot;
    private final LongSupplier wallClock;
    private final Set<HeldStream> watchers = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> ticks;

    /** @param timer ticks once a second; not the holds' clock, which tests drive by hand for the holds alone */
    DashboardStream(HoldEnvironment holds, DashboardSnapshot snapshot, ScheduledExecutorService timer, LongSupplier wallClock)
    {
        this.holds = holds;
        this.snapshot = snapshot;
        this.wallClock = wallClock;
        this.ticks = timer.scheduleWithFixedDelay(this::tick, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Holds {@code async}'s response as an event stream, which gets the current snapshot at once. */
    void watch(AsyncContext async) throws IOException
    {
        HeldStream stream = HeldStream.open(holds, async, START, new Subscriptions(List.of(), Map.of(), Recovery.NONE, false),
            Optional.empty());
        watchers.add(stream);
        String now;
        synchronized (snapshot)
        {
            now = snapshot.take(wallClock.getAsLong());
        }
        stream.send(event(now));
    }

    private void tick()
    {
        watchers.removeIf(HeldStream::isClosed);
        if (watchers.isEmpty())
            return;
        byte[] event;
        synchronized (snapshot)
        {
            event = event(snapshot.take(wallClock.getAsLong()));
        }
        for (HeldStream watcher : watchers)
            watcher.send(event);
    }

    private static byte[] event(String json)
    {
        return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close()
    {
        ticks.cancel(false);
        watchers.forEach(HeldStream::finish);
        watchers.clear();
    }
}
