// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Compares, about once a second, subscribed channels' offsets in Redis with the last offset each
 * delivered ({@link ChannelSync#tail}). A live message that never came shows as a hole when the
 * channel's next item arrives; the last item of a burst, or an item on its own, has no next one.
 * Channels that just went quiet are checked first, then a few of the others in turn, so the cost
 * to Redis is bounded: one read per burst per channel, and at most {@value #SWEEP_PER_TICK} more
 * a second. Runs on the lane, where the channels are kept.
 */
final class TailChecks
{
    private static final long TICK_MILLIS = 1000;
    private static final int SWEEP_PER_TICK = 200;

    private final Connector connector;
    private final SerialLane lane;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier up;
    // the lane's
    private final Map<String, ChannelSync> channels;
    private final Queue<String> sweep = new ArrayDeque<>();
    private volatile ScheduledFuture<?> ticks;

    TailChecks(Connector connector, SerialLane lane, ScheduledExecutorService timer, BooleanSupplier up,
               Map<String, ChannelSync> channels)
    {
        this.connector = connector;
        this.lane = lane;
        this.timer = timer;
        this.up = up;
        this.channels = channels;
    }

    void start()
    {
        ticks = timer.scheduleWithFixedDelay(() -> lane.execute(this::tick), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop()
    {
        ScheduledFuture<?> running = ticks;
        if (running != null)
            running.cancel(false);
    }

    private void tick()
    {
        if (!up.getAsBoolean())
            return;
        for (ChannelSync sync : channels.values())
        {
            if (sync.tailDue())
                read(sync);
        }
        if (sweep.isEmpty())
            sweep.addAll(channels.keySet());
        for (int i = 0; i < SWEEP_PER_TICK && !sweep.isEmpty(); i++)
        {
            ChannelSync sync = channels.get(sweep.poll());
            if (sync != null && sync.live())
                read(sync);
        }
    }

    private void read(ChannelSync sync)
    {
        // A failed read is left alone: the next item's hole, the next check or a reconnect covers it.
        HistoryScript.read(connector.commands().async(), sync.channel(), 0).whenComplete((history, failure) ->
            lane.execute(() ->
            {
                if (failure == null && channels.get(sync.channel()) == sync)
                    sync.tail(history.epoch(), history.offset());
            }));
    }
}
