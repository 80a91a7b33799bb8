// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.LinkedHashMap;
import java.util.concurrent.ConcurrentHashMap;

import io.holdfast.format.item.FormatKind;
import io.holdfast.format.item.PublishItem;

/**
 * One channel with subscribers: who is subscribed, the id of the last item released on it and the
 * items parked waiting for a predecessor. The subscriber map is concurrent (subscribe and
 * unsubscribe never wait for a fan-out); everything else is guarded by this object's monitor, which
 * publishing holds so every subscriber sees the channel's items in one order.
 */
final class ChannelState
{
    /** Pushpin parks at most this many out-of-order items per channel. */
    static final int MAX_PARKED = 100;

    final String name;
    final ConcurrentHashMap<Subscriber, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Parked items keyed by the prev-id they wait for, oldest first. */
    final LinkedHashMap<String, Parked> parked = new LinkedHashMap<>();
    /** Subscribers per {@link FormatKind} ordinal, for stats; changed only while the map entry is computed. */
    final int[] subscribers = new int[FormatKind.values().length];
    String lastId;

    ChannelState(String name)
    {
        this.name = name;
    }

    record Parked(PublishItem item, long arrivedMillis)
    {
    }
}
