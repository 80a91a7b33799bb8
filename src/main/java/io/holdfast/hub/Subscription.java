// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.List;

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

    Subscription(Subscriber subscriber, String prevId, List<String> filters)
    {
        this.subscriber = subscriber;
        this.lastId = prevId;
        this.filters = List.copyOf(filters);
    }
}
