// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.concurrent.ConcurrentHashMap;

import io.holdfast.format.item.FormatKind;

/**
 * One channel with subscribers: who is subscribed and the order of its items ({@link PrevIdOrder}). The subscriber map is concurrent (subscribe and
 * unsubscribe never wait for a fan-out); everything else is guarded by this object's monitor, which
 * publishing holds so every subscriber sees the channel's items in one order.
 */
final class ChannelState
{
    final String name;
    final ConcurrentHashMap<Subscriber, Subscription> subscriptions = new ConcurrentHashMap<>();
    final PrevIdOrder order = new PrevIdOrder();
    /** Subscribers per {@link FormatKind} ordinal, for stats; changed only while the map entry is computed. */
    final int[] subscribers = new int[FormatKind.values().length];

    ChannelState(String name)
    {
        this.name = name;
    }
}
