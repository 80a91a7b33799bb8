// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.instruct.ChannelSpec;

/**
 * Channel names between an origin and the hub: the route's {@code prefix} is added to what the
 * origin subscribes to (so tenants cannot see each other's channels) and taken off again when the
 * proxy tells the origin about channels ({@code Grip-Last}); at most
 * {@code connection_subscription_max} channels per connection. Immutable.
 */
final class ChannelNames
{
    private static final Logger LOG = LoggerFactory.getLogger(ChannelNames.class);

    private final String prefix;
    private final int max;

    ChannelNames(String prefix, int max)
    {
        this.prefix = prefix;
        this.max = max;
    }

    /** The origin's channels as the hub knows them; extras beyond the maximum are ignored. */
    List<ChannelSpec> toProxy(List<ChannelSpec> requested)
    {
        List<ChannelSpec> channels = new ArrayList<>();
        for (ChannelSpec channel : requested)
        {
            if (channels.size() == max)
            {
                LOG.warn("too many subscriptions: ignoring channel '{}'", channel.name());
                continue;
            }
            channels.add(new ChannelSpec(prefix + channel.name(), channel.prevId(), channel.filters()));
        }
        return channels;
    }

    String toOrigin(String channel)
    {
        return channel.startsWith(prefix) ? channel.substring(prefix.length()) : channel;
    }

    /** Last ids keyed by the names the origin gave its channels. */
    Map<String, String> toOrigin(Map<String, String> lastIds)
    {
        Map<String, String> named = new LinkedHashMap<>();
        lastIds.forEach((channel, id) -> named.put(toOrigin(channel), id));
        return named;
    }
}
