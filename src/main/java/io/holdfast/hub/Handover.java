// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.ArrayList;
import java.util.List;

import io.holdfast.format.item.PublishItem;

/**
 * One subscriber making way for another on a channel: a long-poll asked of its origin again is
 * answered by a new hold, and what is published between the old hold ending and the new one
 * subscribing must reach the new one. The old subscription is paused first (its live items wait,
 * as during a catch-up); when its successor subscribes, under the channel's monitor, those items
 * are offered to the successor through its own filters and prev-id, and the old subscription
 * leaves. No fan-out can run in between, so nothing is lost or delivered twice. Called with the
 * channel's monitor held.
 */
final class Handover
{
    private Handover()
    {
    }

    static void pause(Subscription subscription)
    {
        subscription.paused = true;
        if (subscription.waiting == null)
            subscription.waiting = new ArrayList<>();
    }

    /** What a paused subscription's catch-up found: kept, with the live items it held back, for its successor. */
    static void keep(Subscription paused, List<PublishItem> history, List<PublishItem> waiting)
    {
        List<PublishItem> pending = new ArrayList<>(history);
        for (PublishItem item : waiting)
        {
            if (!CatchUp.among(history, item))
                pending.add(item);
        }
        paused.waiting = pending;
    }

    /** Gives {@code successor} (null when it has ended already) what was held back for {@code paused}. */
    static void pass(ChannelState state, Subscription paused, Subscription successor, CatchUp.Offer offer)
    {
        if (successor == null)
            return;
        if (paused.overflowed)
        {
            // More than a subscription may hold back arrived meanwhile: the origin knows best what was missed.
            successor.subscriber.recover();
            return;
        }
        List<PublishItem> missed = paused.waiting;
        for (PublishItem item : missed)
        {
            // As a fan-out would: a successor still catching up from history holds them back in turn.
            if (!CatchUp.holdsBack(successor, item) && !CatchUp.replayed(successor, item))
                offer.offer(state, successor, item, missed.size());
        }
    }
}
