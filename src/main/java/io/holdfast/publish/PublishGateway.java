// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.format.item.PublishItem;
import io.holdfast.hub.ChannelHub;
import io.holdfast.stats.HubMetrics;

/**
 * The one way an item is published here, whatever brought it: the control API, or the PULL, SUB and
 * command sockets. It publishes to the local hub and logs Pushpin's
 * {@code publish channel=... receivers=...} line. Thread-safe.
 */
public final class PublishGateway
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.publish");

    /** Where an item came from, which decides whether it waits for capacity or is refused. */
    public enum Source
    {
        /** The publish API checks {@link #refusal} first, so it never waits. */
        CONTROL(false),
        PULL(true),
        COMMAND(true),
        SUB(true);

        /** True when the input waits for the budget and the rate instead of being refused. */
        final boolean waits;

        Source(boolean waits)
        {
            this.waits = waits;
        }
    }

    private final ChannelHub hub;
    private final HubMetrics metrics;
    private final DeliveryRate rate;

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

    /** Publishes {@code item}, which came from {@code source}. */
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
        return receivers;
    }
}
