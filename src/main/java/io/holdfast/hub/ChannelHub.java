// SPDX-License-Identifier: Apache-2.0
// Over 300 lines: it is the hub's one public face; sequencing, fan-out, catch-up and hand-over live in collaborators.
package io.holdfast.hub;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

import io.holdfast.format.item.FormatKind;
import io.holdfast.format.item.PublishItem;
import io.holdfast.stats.HubActivity;
import io.holdfast.stats.HubMetrics;
import io.holdfast.stats.QueueBudget;

/**
 * The channel map: which held connections listen on which channel, and the fan-out of published
 * items to them with Pushpin's sequencing rules (GRIP §4.6: id dedupe in {@link IdCache}, prev-id
 * parking in {@link PrevIdOrder}, per subscriber prev-id checks in {@link FanOut}), and the
 * catch-up of a new subscriber from the channel's {@link History} ({@link CatchUp}). Thread-safe.
 *
 * <p>Design notes. <em>Subscribe before respond:</em> transports subscribe a held connection before
 * they start writing to it, so an item published while the response is being written is queued
 * behind it rather than lost. <em>Never block the publisher:</em> fan-out calls
 * {@link Subscriber#deliver}, which only queues; a slow client costs the publisher one enqueue.
 * Items of one channel are fanned out under that channel's monitor so every subscriber sees them in
 * the same order; different channels publish in parallel.
 */
public final class ChannelHub
{
    private final ConcurrentHashMap<String, ChannelState> channels = new ConcurrentHashMap<>();
    private final IdCache idCache;
    private final long messageWaitMillis;
    private final LongSupplier clockMillis;
    private final HubActivity activity;
    private final List<ChannelListener> listeners = new CopyOnWriteArrayList<>();
    private volatile FirstSubscriberRecheck firstSubscriberRecheck;
    private volatile History history = History.NONE;
    private volatile CatchUp catchUp;
    private final HubMetrics metrics;
    private final FanOut fanOut;

    /**
     * A hub with statistics of its own that nobody reads (tests, tools).
     *
     * @param idCacheTtlMillis how long item ids are remembered for dedupe (0 = off)
     * @param messageWaitMillis how long an out-of-order item waits for its predecessor
     * @param clockMillis a monotonic millisecond clock
     */
    public ChannelHub(long idCacheTtlMillis, long messageWaitMillis, LongSupplier clockMillis)
    {
        this(idCacheTtlMillis, messageWaitMillis, clockMillis, new HubActivity(clockMillis), new HubMetrics(new QueueBudget(0)));
    }

    /**
     * @param activity where subscriptions and items are reported for the stats socket
     * @param metrics  where items received and delivered are counted for {@code /metrics}
     */
    public ChannelHub(long idCacheTtlMillis, long messageWaitMillis, LongSupplier clockMillis, HubActivity activity,
                      HubMetrics metrics)
    {
        this.idCache = new IdCache(idCacheTtlMillis, 1_000_000);
        this.messageWaitMillis = messageWaitMillis;
        this.clockMillis = clockMillis;
        this.activity = activity;
        this.metrics = metrics;
        this.fanOut = new FanOut(activity, metrics, this::isSubscribed);
    }

    /** Tells {@code listener} when channels get their first subscriber and lose their last. */
    public void addListener(ChannelListener listener)
    {
        listeners.add(listener);
    }

    public void removeListener(ChannelListener listener)
    {
        listeners.remove(listener);
    }

    /** Keeps published items in {@code history}, from which a subscriber with a prev-id is caught up. Off until set. */
    public void setHistory(History history)
    {
        this.history = history;
        this.catchUp = history == History.NONE ? null : new CatchUp(history, fanOut::offer);
    }

    /**
     * Subscribes {@code subscriber} to {@code channel}. {@code prevId} is the id of the last item the
     * subscriber already has (its {@code prev-id}); later items must follow on from it, and with a
     * history, those it missed are delivered at once.
     */
    public void subscribe(String channel, Subscriber subscriber, Optional<String> prevId, List<String> filters)
    {
        CatchUp catchUp = prevId.isPresent() ? this.catchUp : null;
        Subscription subscription = new Subscription(subscriber, prevId.orElse(null), filters, catchUp != null);
        ChannelState[] created = new ChannelState[1];
        ChannelState[] caughtUpState = new ChannelState[1];
        channels.compute(channel, (name, state) ->
        {
            if (state == null)
            {
                state = new ChannelState(name);
                created[0] = state;
            }
            if (state.subscriptions.put(subscriber, subscription) == null)
                countSubscriber(state, subscriber, 1);
            if (catchUp != null)
                caughtUpState[0] = state;
            return state;
        });
        if (catchUp != null)
            catchUp.start(caughtUpState[0], subscription, prevId.get(), clockMillis.getAsLong());
        if (created[0] != null)
        {
            listeners.forEach(listener -> listener.channelActive(channel));
            FirstSubscriberRecheck recheck = firstSubscriberRecheck;
            if (recheck != null)
                recheck.schedule(created[0], channels::get);
        }
    }

    /**
     * Holds back {@code subscriber}'s items on {@code channel} for the subscriber that will take its
     * place ({@link #subscribe(String, Subscriber, Optional, List, Subscriber)}); it gets none meanwhile.
     */
    public void pause(String channel, Subscriber subscriber)
    {
        ChannelState state = channels.get(channel);
        if (state == null)
            return;
        synchronized (state)
        {
            Subscription subscription = state.subscriptions.get(subscriber);
            if (subscription != null)
                Handover.pause(subscription);
        }
    }

    /**
     * As {@link #subscribe(String, Subscriber, Optional, List)}, taking the place of {@code predecessor}
     * when that is paused on {@code channel}: what was published since it paused comes to
     * {@code subscriber} first, and {@code predecessor} leaves the channel, with nothing lost or
     * delivered twice in between.
     */
    public void subscribe(String channel, Subscriber subscriber, Optional<String> prevId, List<String> filters,
                          Subscriber predecessor)
    {
        ChannelState state = predecessor == null ? null : channels.get(channel);
        if (state == null)
        {
            subscribe(channel, subscriber, prevId, filters);
            return;
        }
        // The channel's monitor keeps fan-outs out; the predecessor's subscription keeps the channel.
        synchronized (state)
        {
            Subscription paused = state.subscriptions.get(predecessor);
            subscribe(channel, subscriber, prevId, filters);
            if (paused == null || !paused.paused)
                return;
            unsubscribe(channel, predecessor);
            Handover.pass(state, paused, state.subscriptions.get(subscriber), fanOut::offer);
        }
    }

    /**
     * A second after a channel gets its first subscriber, its subscribers ask their origins again
     * (GRIP §9.1): whatever was published between the origin's answer and the subscription
     * taking effect reaches them that way. Off until set.
     */
    public void setFirstSubscriberRecheck(ScheduledExecutorService timer, long delayMillis)
    {
        firstSubscriberRecheck = delayMillis > 0 ? new FirstSubscriberRecheck(timer, delayMillis) : null;
    }

    /**
     * Completes with true when the history has every item named in {@code lastIds} (channel to item
     * id), so that a subscriber with those prev-ids will be caught up without asking its origin.
     */
    public CompletionStage<Boolean> historyHas(Map<String, String> lastIds)
    {
        return CatchUp.has(history, lastIds, clockMillis.getAsLong());
    }

    /** Removes {@code subscriber} from {@code channel}; a channel without subscribers forgets its state. */
    public void unsubscribe(String channel, Subscriber subscriber)
    {
        boolean[] removed = new boolean[1];
        channels.computeIfPresent(channel, (name, state) ->
        {
            if (state.subscriptions.remove(subscriber) != null)
                countSubscriber(state, subscriber, -1);
            if (!state.subscriptions.isEmpty())
                return state;
            removed[0] = true;
            return null;
        });
        if (removed[0])
            listeners.forEach(listener -> listener.channelIdle(channel));
    }

    // Reported inside compute(), so a channel's counts reach the stats in the order they changed.
    private void countSubscriber(ChannelState state, Subscriber subscriber, int change)
    {
        FormatKind mode = subscriber.takes();
        int count = state.subscribers[mode.ordinal()] += change;
        activity.subscriptionCount(mode, state.name, count);
    }

    /** Refreshes every refreshable subscriber of {@code channel}. */
    public void refreshChannel(String channel)
    {
        ChannelState state = channels.get(channel);
        if (state == null)
            return;
        for (Subscriber subscriber : state.subscriptions.keySet())
        {
            if (subscriber instanceof Refreshable connection)
                connection.refresh();
        }
    }

    public boolean isSubscribed(String channel, Subscriber subscriber)
    {
        ChannelState state = channels.get(channel);
        return state != null && state.subscriptions.containsKey(subscriber);
    }

    public int channelCount()
    {
        return channels.size();
    }

    public int subscriberCount(String channel)
    {
        ChannelState state = channels.get(channel);
        return state == null ? 0 : state.subscriptions.size();
    }

    /** The channels that currently have subscribers (a snapshot). */
    public Set<String> activeChannels()
    {
        return Set.copyOf(channels.keySet());
    }

    /** The last item id {@code subscriber} has on each of {@code channels}, for those that track ids. */
    public Map<String, String> lastIds(Subscriber subscriber, Collection<String> channelNames)
    {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String channel : channelNames)
        {
            ChannelState state = channels.get(channel);
            if (state == null)
                continue;
            // Unlocked: a subscriber recovering during a fan-out on another channel asks for its
            // ids while that channel's monitor is held, and two such would deadlock.
            Subscription subscription = state.subscriptions.get(subscriber);
            String lastId = subscription == null ? null : subscription.lastId;
            if (lastId != null)
                ids.put(channel, lastId);
        }
        return ids;
    }

    /**
     * Publishes one item and returns how many subscribers it was delivered to now (0 when it was a
     * duplicate, parked or nobody listens).
     */
    public int publish(PublishItem item)
    {
        long publishedNanos = System.nanoTime();
        String channel = item.channel();
        long now = clockMillis.getAsLong();
        activity.received();
        metrics.itemReceived();
        if (item.id().isPresent() && idCache.seen(channel, item.id().get(), now))
            return 0;
        // Before the channel is looked up: a subscriber arriving meanwhile finds it in one or the other.
        history.record(item, now);
        ChannelState state = channels.get(channel);
        if (state == null)
            return 0;
        synchronized (state)
        {
            if (state.order.parkIfEarly(item, now))
                return 0;
            return fanOut.deliver(state, state.order.releaseFrom(item), publishedNanos);
        }
    }

    /** Releases items parked longer than {@code message_wait}; call about once a second. */
    public void releaseOverdue()
    {
        long now = clockMillis.getAsLong();
        history.expire(now);
        long deadline = now - messageWaitMillis;
        for (ChannelState state : channels.values())
        {
            synchronized (state)
            {
                // Not timed: they waited for a predecessor that never came, not for the writers.
                for (PublishItem item : state.order.overdue(deadline))
                    fanOut.deliver(state, state.order.releaseFrom(item), 0);
            }
        }
    }

    /**
     * Forgets {@code channel}'s last id and asks its subscribers to recover from their origins: items
     * of it were lost on the way here and cannot be replaced.
     */
    public void recoverChannel(String channel)
    {
        ChannelState state = channels.get(channel);
        if (state == null)
            return;
        forgetIds(state);
        List.copyOf(state.subscriptions.keySet()).forEach(Subscriber::recover);
    }

    /**
     * Forgets every channel's last id and asks every subscriber once to recover from its origin
     * ({@code POST /recover}, GRIP §9.3).
     */
    public void recoverAll()
    {
        Set<Subscriber> everyone = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ChannelState state : channels.values())
        {
            forgetIds(state);
            everyone.addAll(state.subscriptions.keySet());
        }
        everyone.forEach(Subscriber::recover);
    }

    private static void forgetIds(ChannelState state)
    {
        synchronized (state)
        {
            state.order.forget();
            for (Subscription subscription : state.subscriptions.values())
                subscription.lastId = null;
        }
    }
}
