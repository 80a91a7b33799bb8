// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.broker.BrokerItem;
import io.holdfast.broker.BrokerListener;

/**
 * The channels this instance wants, and the steps that make each one receive without losing what
 * is published meanwhile: read the channel's epoch and offset (the baseline), then SUBSCRIBE, then,
 * once Redis confirmed it, read the history after the baseline; live items arriving meanwhile are
 * held by the channel's {@link ChannelSync}. After a reconnect every channel is subscribed again
 * and reads its history after the last offset it delivered. Subscribing and unsubscribing are set
 * operations run on the lane in call order, so quick flips from several threads end in the state
 * the last call asked for; a step whose channel was unsubscribed (or subscribed anew) meanwhile is
 * ignored. Thread-safe: the public methods only enqueue, and all state is kept on the lane.
 */
final class Subscriptions extends RedisPubSubAdapter<String, String> implements ChannelSync.Output
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.broker");
    private static final long RETRY_MILLIS = 1000;

    private final Connector connector;
    private final SerialLane lane;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier up;
    private final BrokerCounters counters;
    private volatile BrokerListener listener;
    // lane only
    private final Map<String, ChannelSync> channels = new HashMap<>();
    private final TailChecks tails;

    Subscriptions(Connector connector, SerialLane lane, ScheduledExecutorService timer, BooleanSupplier up,
        BrokerCounters counters)
    {
        this.connector = connector;
        this.lane = lane;
        this.timer = timer;
        this.up = up;
        this.counters = counters;
        this.tails = new TailChecks(connector, lane, timer, up, channels);
    }

    void listener(BrokerListener listener)
    {
        this.listener = listener;
    }

    void subscribe(String channel)
    {
        // the baseline is read now, on the caller's thread (without waiting): an item this instance
        // publishes after subscribe() returned is sent behind the read on the same connection, so
        // it is counted as new
        CompletableFuture<HistoryScript.History> early = up.getAsBoolean() ? baseline(channel) : null;
        lane.execute(() ->
        {
            if (channels.containsKey(channel))
                return;
            ChannelSync sync = new ChannelSync(channel, this);
            channels.put(channel, sync);
            counters.subscribed(channels.size());
            if (early != null)
                begin(sync, early);
            else if (up.getAsBoolean())
                begin(sync, baseline(channel));
        });
    }

    /** Whether {@code channel} is subscribed and its live items pass at once (its history read is done). */
    CompletableFuture<Boolean> live(String channel)
    {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        lane.execute(() ->
        {
            ChannelSync sync = channels.get(channel);
            answer.complete(sync != null && sync.live());
        });
        return answer;
    }

    private CompletableFuture<HistoryScript.History> baseline(String channel)
    {
        return HistoryScript.read(connector.commands().async(), channel, 0).toCompletableFuture();
    }

    void unsubscribe(String channel)
    {
        lane.execute(() ->
        {
            ChannelSync sync = channels.remove(channel);
            if (sync == null)
                return;
            counters.subscribed(channels.size());
            StatefulRedisPubSubConnection<String, String> pubsub = connector.pubsub();
            // if this fails (connection lost), the channel comes back with Lettuce's resubscription, and goes in subscribed()
            if (pubsub != null)
                pubsub.async().unsubscribe(RedisKeys.pub(channel));
        });
    }

    /** On the lane, when the broker (again) is UP: every channel subscribes and catches up. */
    void up()
    {
        for (ChannelSync sync : channels.values())
        {
            if (sync.baselined())
                confirm(sync);
            else
                begin(sync, baseline(sync.channel()));
        }
    }

    private boolean current(ChannelSync sync)
    {
        return channels.get(sync.channel()) == sync;
    }

    /** The baseline: where the new subscriber's items start. */
    private void begin(ChannelSync sync, CompletableFuture<HistoryScript.History> baseline)
    {
        baseline.whenComplete((history, failure) -> lane.execute(() ->
        {
            // after a reconnect a second baseline may be under way: the first one answering counts
            if (!current(sync) || sync.baselined())
                return;
            if (failure != null)
            {
                retryLater(sync, failure);
                return;
            }
            sync.baseline(history.epoch(), history.offset());
            confirm(sync);
        }));
    }

    /** SUBSCRIBE, then read what was published after the last offset delivered. */
    private void confirm(ChannelSync sync)
    {
        connector.pubsub().async().subscribe(RedisKeys.pub(sync.channel())).whenComplete((ok, failure) -> lane.execute(() ->
        {
            if (!current(sync))
                return;
            if (failure != null)
                retryLater(sync, failure);
            else
                sync.resync();
        }));
    }

    private void retryLater(ChannelSync sync, Throwable failure)
    {
        LOG.debug("subscribing {} failed, retrying: {}", sync.channel(), failure.toString());
        // while DOWN, up() retries every channel when the connection is back
        schedule(() ->
        {
            if (current(sync) && up.getAsBoolean())
            {
                if (sync.baselined())
                    confirm(sync);
                else
                    begin(sync, baseline(sync.channel()));
            }
        });
    }

    /** Starts checking the offsets of channels about once a second ({@link TailChecks}). */
    void startTailChecks()
    {
        tails.start();
    }

    void stopTailChecks()
    {
        tails.stop();
    }

    private void schedule(Runnable task)
    {
        try
        {
            timer.schedule(() -> lane.execute(task), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
        catch (RuntimeException rejected)
        {
            // the application is stopping
        }
    }

    @Override
    public void fetch(ChannelSync sync, long from, long token)
    {
        HistoryScript.read(connector.commands().async(), sync.channel(), from).whenComplete((history, failure) ->
            lane.execute(() ->
            {
                if (!current(sync) || !sync.current(token))
                    return;
                if (failure == null)
                    sync.history(token, history);
                else
                {
                    LOG.debug("reading the history of {} failed, retrying: {}", sync.channel(), failure.toString());
                    schedule(() ->
                    {
                        if (current(sync) && sync.current(token) && up.getAsBoolean())
                            sync.resync();
                    });
                }
            }));
    }

    @Override
    public void deliver(BrokerItem item)
    {
        counters.received();
        listener.received(item);
    }

    @Override
    public void gap(String channel)
    {
        counters.gap();
        LOG.debug("channel {}: items lost", channel);
        listener.gap(channel);
    }

    // Lettuce's event loop: decode the envelope's frame and hand over, nothing more

    @Override
    public void message(String pub, String payload)
    {
        RedisKeys.channelOfPub(pub).ifPresent(channel ->
        {
            List<Envelope> items = Envelope.decode(payload);
            if (items.isEmpty())
            {
                LOG.warn("channel {}: malformed message from Redis dropped", channel);
                return;
            }
            lane.execute(() ->
            {
                ChannelSync sync = channels.get(channel);
                if (sync != null)
                    items.forEach(sync::live);
            });
        });
    }

    @Override
    public void subscribed(String pub, long count)
    {
        // Lettuce resubscribes after a reconnect what it knew of, even a channel given up meanwhile
        RedisKeys.channelOfPub(pub).ifPresent(channel -> lane.execute(() ->
        {
            StatefulRedisPubSubConnection<String, String> pubsub = connector.pubsub();
            if (!channels.containsKey(channel) && pubsub != null)
                pubsub.async().unsubscribe(pub);
        }));
    }
}
