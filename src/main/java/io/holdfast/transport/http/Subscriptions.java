// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.util.List;
import java.util.Map;

import io.holdfast.hub.Subscriber;
import io.holdfast.instruct.ChannelSpec;

/**
 * What a held request subscribes with: its channels (prev-ids and filters), its subscription meta,
 * how it recovers from its origin, whether it re-checks a second after making a channel active
 * (a fresh hold does; one that answers a recovery does not), and the hold whose place it takes
 * (the long-poll a recovery asked the origin for; null when none), whose items it inherits.
 * Immutable.
 */
public record Subscriptions(List<ChannelSpec> channels, Map<String, String> meta, Recovery recovery,
                            boolean recheckWhenFirst, Subscriber predecessor)
{
    public Subscriptions
    {
        channels = List.copyOf(channels);
        meta = Map.copyOf(meta);
    }

    public Subscriptions(List<ChannelSpec> channels, Map<String, String> meta, Recovery recovery, boolean recheckWhenFirst)
    {
        this(channels, meta, recovery, recheckWhenFirst, null);
    }
}
