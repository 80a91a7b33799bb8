// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;

import io.holdfast.format.item.FormatKind;
import io.holdfast.format.item.PublishItem;
import io.holdfast.stats.HubActivity;
import io.holdfast.stats.HubMetrics;

/**
 * One channel's items to its subscribers, under the channel's monitor: each subscriber's format,
 * filters and prev-id sequence decide whether it gets an item, and deliveries are counted for the
 * stats. Thread-safe given the caller holds the channel's monitor.
 */
final class FanOut
{
    private final HubActivity activity;
    private final HubMetrics metrics;
    /** Whether a subscriber is on a channel, for the {@code require-sub} filter. */
    private final BiPredicate<String, Subscriber> isSubscribed;

    FanOut(HubActivity activity, HubMetrics metrics, BiPredicate<String, Subscriber> isSubscribed)
    {
        this.activity = activity;
        this.metrics = metrics;
        this.isSubscribed = isSubscribed;
    }

    /** Delivers {@code items} in order to the channel's subscribers; returns how many deliveries were made. */
    int deliver(ChannelState state, List<PublishItem> items, long publishedNanos)
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
            if (CatchUp.holdsBack(subscription, item) || CatchUp.replayed(subscription, item))
                continue;
            if (deliver(subscription, delivery))
                perTransport[subscription.subscriber.takes().ordinal()]++;
        }
    }

    // A history item, or one held back while the history was read: to one subscriber, untimed,
    // among {@code together} such items.
    void offer(ChannelState state, Subscription subscription, PublishItem item, int together)
    {
        if (deliver(subscription, new Delivery(state.name, item, 0, together)))
            metrics.itemDelivered(subscription.subscriber.takes(), 1);
    }

    private boolean deliver(Subscription subscription, Delivery delivery)
    {
        PublishItem item = delivery.item();
        Subscriber subscriber = subscription.subscriber;
        if (!subscriber.takes().accepts(item))
            return false;
        if (!DeliveryFilters.pass(subscription.filters, subscriber.meta(), item.meta(),
            channel -> isSubscribed.test(channel, subscriber)))
            return false;
        if (subscription.lastId != null)
        {
            if (item.prevId().isPresent() && !item.noSeq() && !item.prevId().get().equals(subscription.lastId))
            {
                subscriber.recover();
                return false;
            }
            subscription.lastId = item.id().orElse(null);
        }
        subscriber.deliver(delivery);
        return true;
    }
}
