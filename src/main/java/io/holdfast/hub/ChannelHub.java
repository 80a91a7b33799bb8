// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * parking in {@link PrevIdOrder}, per subscriber prev-id checks here). Thread-safe.
 *
 * <p>Design notes. <em>Subscribe before respond:</em> transports subscribe a held connection before
 * they send it anything, so an item published while the response is being written is queued
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
    private volatile ChannelListener listener = ChannelListener.NONE;
    private volatile FirstSubscriberRecheck firstSubscriberRecheck;
    private final HubMetrics metrics;

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
    }

    public void setListener(ChannelListener listener)
    {
        this.listener = listener;
    }

    /**
     * Subscribes {@code subscriber} to {@code channel}. {@code prevId} is the id of the last item the
     * subscriber already has (its {@code prev-id}); later items must follow on from it.
     */
    public void subscribe(String channel, Subscriber subscriber, Optional<String> prevId, List<String> filters)
    {
        Subscription subscription = new Subscription(subscriber, prevId.orElse(null), filters);
        ChannelState[] created = new ChannelState[1];
        channels.compute(channel, (name, state) ->
        {
            if (state == null)
            {
                state = new ChannelState(name);
                created[0] = state;
            }
            if (state.subscriptions.put(subscriber, subscription) == null)
                countSubscriber(state, subscriber, 1);
            return state;
        });
        if (created[0] != null)
        {
            listener.channelActive(channel);
            FirstSubscriberRecheck recheck = firstSubscriberRecheck;
            if (recheck != null)
                recheck.schedule(created[0], channels::get);
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
            listener.channelIdle(channel);
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
        ChannelState state = channels.get(channel);
        if (state == null)
            return 0;
        synchronized (state)
        {
            if (state.order.parkIfEarly(item, now))
                return 0;
            return fanOut(state, state.order.releaseFrom(item), publishedNanos);
        }
    }

    /** Releases items parked longer than {@code message_wait}; call about once a second. */
    public void releaseOverdue()
    {
        long deadline = clockMillis.getAsLong() - messageWaitMillis;
        for (ChannelState state : channels.values())
        {
            synchronized (state)
            {
                // Not timed: they waited for a predecessor that never came, not for the writers.
                for (PublishItem item : state.order.overdue(deadline))
                    fanOut(state, state.order.releaseFrom(item), 0);
            }
        }
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
            synchronized (state)
            {
                state.order.forget();
                for (Subscription subscription : state.subscriptions.values())
                    subscription.lastId = null;
            }
            everyone.addAll(state.subscriptions.keySet());
        }
        everyone.forEach(Subscriber::recover);
    }

    private int fanOut(ChannelState state, List<PublishItem> items, long publishedNanos)
    {
        int delivered = 0;
        for (PublishItem item : items)
            delivered += fanOut(state, item, publishedNanos);
        return delivered;
    }

    private int fanOut(ChannelState state, PublishItem item, long publishedNanos)
    {
        int[] perTransport = new int[FormatKind.values().length];
        deliverAll(state, new Delivery(state.name, item, publishedNanos, state.subscriptions.size()), perTransport);
        activity.delivered(state.name, item.id(), perTransport);
        for (FormatKind transport : FormatKind.values())
            metrics.itemDelivered(transport, perTransport[transport.ordinal()]);
        return Arrays.stream(perTransport).sum();
    }

    private void deliverAll(ChannelState state, Delivery delivery, int[] perTransport)
    {
        PublishItem item = delivery.item();
        for (Subscription subscription : state.subscriptions.values())
        {
            Subscriber subscriber = subscription.subscriber;
            if (!subscriber.takes().accepts(item))
                continue;
            if (!DeliveryFilters.pass(subscription.filters, subscriber.meta(), item.meta(),
                channel -> isSubscribed(channel, subscriber)))
                continue;
            if (subscription.lastId != null)
            {
                if (item.prevId().isPresent() && !item.noSeq() && !item.prevId().get().equals(subscription.lastId))
                {
                    subscriber.recover();
                    continue;
                }
                subscription.lastId = item.id().orElse(null);
            }
            subscriber.deliver(delivery);
            perTransport[subscriber.takes().ordinal()]++;
        }
    }
}
