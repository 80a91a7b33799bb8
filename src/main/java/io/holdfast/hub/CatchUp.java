// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.holdfast.format.item.PublishItem;

/**
 * Catches a new subscription up from the channel's history: the items after its {@code prev-id},
 * in order, before any live one. Live items published while the history is read wait in the
 * subscription and follow, less those the history already gave. When the history does not have
 * the {@code prev-id}, nothing is replayed and the subscription goes on as without history: its
 * next out-of-sequence item makes it ask its origin again. Thread-safe.
 */
final class CatchUp
{
    /** Live items a subscription holds back while its history is read; past this it asks its origin instead. */
    static final int MAX_WAITING = 1000;

    /** Hands one item to one subscription, as a fan-out would; {@code together}: how many it is handed with. */
    interface Offer
    {
        void offer(ChannelState state, Subscription subscription, PublishItem item, int together);
    }

    private final History history;
    private final Offer offer;

    CatchUp(History history, Offer offer)
    {
        this.history = history;
        this.offer = offer;
    }

    /** Completes with true when {@code history} has every item named in {@code lastIds} (channel to id). */
    static CompletableFuture<Boolean> has(History history, Map<String, String> lastIds, long nowMillis)
    {
        CompletableFuture<Boolean> all = CompletableFuture.completedFuture(true);
        for (Map.Entry<String, String> last : lastIds.entrySet())
        {
            CompletableFuture<Boolean> has = history.after(last.getKey(), last.getValue(), nowMillis).toCompletableFuture()
                .thenApply(Optional::isPresent);
            all = all.thenCombine(has, Boolean::logicalAnd);
        }
        return all;
    }

    void start(ChannelState state, Subscription subscription, String prevId, long nowMillis)
    {
        history.after(state.name, prevId, nowMillis).whenComplete((items, failure) ->
            finish(state, subscription, failure == null ? items : Optional.empty()));
    }

    /** Holds back a live item while {@code subscription} is caught up; false when it may be offered now. */
    static boolean holdsBack(Subscription subscription, PublishItem item)
    {
        List<PublishItem> waiting = subscription.waiting;
        if (waiting == null)
            return false;
        if (waiting.size() < MAX_WAITING)
            waiting.add(item);
        else
        {
            // Too much arrived while the history was being read: the origin knows best what it missed.
            waiting.clear();
            subscription.overflowed = true;
            subscription.caughtUp = false;
            subscription.subscriber.recover();
        }
        return true;
    }

    /** True when {@code item} reached {@code subscription} already, from its history. */
    static boolean replayed(Subscription subscription, PublishItem item)
    {
        List<PublishItem> replayed = subscription.replayed;
        if (replayed == null)
            return false;
        if (among(replayed, item))
            return true;
        // Past the replayed items: no later publish can repeat them.
        subscription.replayed = null;
        return false;
    }

    /** Whether {@code item} is one of {@code items}. */
    static boolean among(List<PublishItem> items, PublishItem item)
    {
        for (PublishItem earlier : items)
        {
            // The same object from a history in memory; the same id from one a broker decoded afresh.
            if (earlier == item || earlier.id().isPresent() && earlier.id().equals(item.id()))
                return true;
        }
        return false;
    }

    private void finish(ChannelState state, Subscription subscription, Optional<List<PublishItem>> items)
    {
        synchronized (state)
        {
            if (state.subscriptions.get(subscription.subscriber) != subscription)
                return;
            List<PublishItem> waiting = subscription.waiting;
            if (subscription.paused)
            {
                Handover.keep(subscription, items.orElse(List.of()), waiting);
                return;
            }
            subscription.waiting = null;
            // Offered as one lot, so that a transport can write them in one go rather than one write each.
            int together = items.map(List::size).orElse(0) + waiting.size();
            if (items.isPresent())
            {
                subscription.caughtUp = true;
                for (PublishItem item : items.get())
                    offer.offer(state, subscription, item, together);
                subscription.replayed = items.get().isEmpty() ? null : List.copyOf(items.get());
            }
            for (PublishItem item : waiting)
            {
                if (!replayed(subscription, item))
                    offer.offer(state, subscription, item, together);
            }
        }
    }
}
