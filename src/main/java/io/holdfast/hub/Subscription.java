// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.ArrayList;
import java.util.List;

import io.holdfast.format.item.PublishItem;

/**
 * One subscriber on one channel: its filters and the id of the last item it has on that channel.
 * Mutated only while the channel's monitor is held; {@link #lastId} may be read without it.
 */
final class Subscription
{
    final Subscriber subscriber;
    final List<String> filters;
    /** The last item id the subscriber has on this channel, when it tracks ids ({@code prev-id}); else null. */
    volatile String lastId;
    /** Live items held back while the subscriber is caught up from history; null once it has been. */
    List<PublishItem> waiting;
    /** The items it was caught up with, which a publish racing the catch-up may deliver again; null after. */
    List<PublishItem> replayed;
    /** Making way for a successor ({@link Handover}): live items wait in {@link #waiting} for that one. */
    boolean paused;
    /** More live items arrived than {@link #waiting} may hold, and some were dropped. */
    boolean overflowed;
    /** True when history had its {@code prev-id}: it missed nothing, so nothing needs asking its origin again. */
    volatile boolean caughtUp;

    Subscription(Subscriber subscriber, String prevId, List<String> filters, boolean catchingUp)
    {
        this.subscriber = subscriber;
        this.lastId = subscriber.sequenced() ? prevId : null;
        this.filters = List.copyOf(filters);
        this.waiting = catchingUp ? new ArrayList<>() : null;
    }
}
