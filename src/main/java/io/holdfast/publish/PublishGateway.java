// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.format.item.PublishItem;
import io.holdfast.hub.ChannelHub;
import io.holdfast.stats.HubMetrics;

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
        /** The publish API checks {@link #refusal} first, so it never waits. */
        CONTROL(true, false),
        PULL(true, true),
        COMMAND(true, true),
        /** A PUB socket already sends to every instance that subscribes: forwarding would duplicate. */
        SUB(false, true),
        /** Already forwarded by the instance that received it: forwarding again would loop. */
        CLUSTER(false, false);

        /** True when the item reached only this instance, so the bus must take it to the others. */
        final boolean forwarded;
        /** True when the input waits for the budget and the rate instead of being refused. */
        final boolean waits;

        Source(boolean forwarded, boolean waits)
        {
            this.forwarded = forwarded;
            this.waits = waits;
        }
    }

    private final ChannelHub hub;
    private final HubMetrics metrics;
    private final DeliveryRate rate;
    private volatile Consumer<PublishItem> cluster = item ->
    {
    };

    /**
     * @param metrics     where refusals are counted, and whose queue budget refuses or holds back publishes
     * @param messageRate deliveries per second allowed (0 = no limit)
     */
    public PublishGateway(ChannelHub hub, HubMetrics metrics, long messageRate)
    {
        this.hub = hub;
        this.metrics = metrics;
        this.rate = messageRate > 0 ? new DeliveryRate(messageRate) : null;
    }

    /**
     * Why the publish API must refuse {@code items} now ({@code 503}): too many bytes queued for
     * slow clients, or the batch is over the message rate; empty when it may go ahead. A refusal
     * publishes none of the batch, so the publisher can simply retry it.
     */
    public Optional<String> refusal(List<PublishItem> items)
    {
        Optional<String> why = Optional.empty();
        if (metrics.budget().exhausted())
            why = Optional.of("Too much data is queued for slow clients. Retry later.");
        else if (rate != null && !rate.tryAcquire(deliveries(items)))
            why = Optional.of("Over the message rate. Retry later.");
        why.ifPresent(reason -> metrics.publishRefused());
        return why;
    }

    /**
     * For inputs that cannot be refused (ZeroMQ): waits while the budget is exhausted or the rate
     * is exceeded, which leaves messages in the socket and so pushes back on the publisher.
     */
    private void awaitCapacity(PublishItem item) throws InterruptedException
    {
        metrics.budget().awaitRoom();
        if (rate == null)
            return;
        long deliveries = deliveries(List.of(item));
        while (!rate.tryAcquire(deliveries))
            Thread.sleep(Math.max(1, rate.waitMillis(deliveries)));
    }

    private long deliveries(List<PublishItem> items)
    {
        long deliveries = 0;
        for (PublishItem item : items)
            deliveries += hub.subscriberCount(item.channel());
        return deliveries;
    }

    /** Sets where items bound for the other instances go (the cluster bus). */
    public void setCluster(Consumer<PublishItem> cluster)
    {
        this.cluster = cluster;
    }

    /** Publishes {@code item} here and, when it came from {@code source} only to us, to the cluster. */
    public int publish(PublishItem item, Source source)
    {
        if (source.waits)
        {
            try
            {
                awaitCapacity(item);
            }
            catch (InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }
        int receivers = hub.publish(item);
        LOG.info("publish channel={} receivers={}", item.channel(), receivers);
        if (source.forwarded)
            cluster.accept(item);
        return receivers;
    }
}
