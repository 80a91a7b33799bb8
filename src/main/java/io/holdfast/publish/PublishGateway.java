// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.format.item.PublishItem;
import io.holdfast.hub.ChannelHub;

/**
 * The one way an item is published here, whatever brought it: the control API, the PULL, SUB and
 * command sockets, or the cluster bus. It publishes to the local hub, logs Pushpin's
 * {@code publish channel=... receivers=...} line and forwards to the other instances what only this
 * instance received (see {@link Source#forwarded}). Thread-safe.
 */
public final class PublishGateway
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.publish");

    /** Where an item came from, which decides whether the cluster bus carries it on. */
    public enum Source
    {
        CONTROL(true),
        PULL(true),
        COMMAND(true),
        /** A PUB socket already sends to every instance that subscribes: forwarding would duplicate. */
        SUB(false),
        /** Already forwarded by the instance that received it: forwarding again would loop. */
        CLUSTER(false);

        /** True when the item reached only this instance, so the bus must take it to the others. */
        final boolean forwarded;

        Source(boolean forwarded)
        {
            this.forwarded = forwarded;
        }
    }

    private final ChannelHub hub;
    private volatile Consumer<PublishItem> cluster = item ->
    {
    };

    public PublishGateway(ChannelHub hub)
    {
        this.hub = hub;
    }

    /** Sets where items bound for the other instances go (the cluster bus). */
    void setCluster(Consumer<PublishItem> cluster)
    {
        this.cluster = cluster;
    }

    /** Publishes {@code item} here and, when it came from {@code source} only to us, to the cluster. */
    public int publish(PublishItem item, Source source)
    {
        int receivers = hub.publish(item);
        LOG.info("publish channel={} receivers={}", item.channel(), receivers);
        if (source.forwarded)
            cluster.accept(item);
        return receivers;
    }
}
