// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.broker.Broker;
import io.holdfast.broker.BrokerState;
import io.holdfast.broker.BrokerUnavailableException;
import io.holdfast.format.item.PublishItem;
import io.holdfast.hub.ChannelHub;
import io.holdfast.stats.HubMetrics;

/**
 * The one way an item is published here, whatever brought it: the control API, or the PULL, SUB and
 * command sockets. Alone, an instance publishes to its hub and logs Pushpin's
 * {@code publish channel=... receivers=...} line. With a broker (Redis) shared by several, every item
 * goes to the broker, which brings it back to each of them, this one included ({@link BrokerRelay}):
 * so an item reaches every instance once, in one order, or none if the broker did not take it.
 * Thread-safe.
 */
public final class PublishGateway
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.publish");
    /** The publish API's answer while the broker cannot be reached. */
    public static final String UNREACHABLE = "Redis is unreachable: nothing was published. Retry later.";

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
    private volatile Broker broker;

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
        Broker shared = broker;
        if (shared != null && shared.state() != BrokerState.UP)
            why = Optional.of(UNREACHABLE);
        else if (metrics.budget().exhausted())
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

    /** Sets the broker that carries every item to every instance sharing it; without one, items stay here. */
    public void setBroker(Broker broker)
    {
        this.broker = broker;
    }

    /** True when a broker carries every item to every instance sharing it. */
    public boolean shared()
    {
        return broker != null;
    }

    /**
     * Publishes a batch from the publish API, in order, after {@link #refusal}. Completes when every
     * item was delivered here or, with a broker, confirmed by it; fails with
     * {@link BrokerUnavailableException} (for the first item the broker did not confirm) otherwise.
     */
    public CompletableFuture<Void> publishAll(List<PublishItem> items)
    {
        Broker shared = broker;
        if (shared == null)
        {
            for (PublishItem item : items)
                publishHere(item);
            return CompletableFuture.completedFuture(null);
        }
        return shared.publishAll(items).thenApply(published -> null);
    }

    /**
     * Publishes {@code item} from an input that gets no answer (ZeroMQ, the command socket), waiting
     * for capacity first. With a broker, what it does not take is counted and logged: that item
     * reaches no one. Returns the receivers here, or 0 when the broker delivers it.
     */
    public int publish(PublishItem item, Source source)
    {
        waitForCapacity(item, source);
        Broker shared = broker;
        if (shared == null)
            return publishHere(item);
        shared.publish(item).whenComplete((published, failure) -> failed(item, source, failure));
        return 0;
    }

    private void waitForCapacity(PublishItem item, Source source)
    {
        if (!source.waits)
            return;
        try
        {
            awaitCapacity(item);
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(PublishItem item, Source source, Throwable failure)
    {
        if (failure == null)
            return;
        metrics.brokerPublishFailed();
        LOG.warn("publish channel={} from {} not delivered: {}", item.channel(), source.name().toLowerCase(Locale.ROOT),
            failure instanceof CompletionException ? failure.getCause().getMessage() : failure.getMessage());
    }

    /**
     * Publishes an item from a SUB input while instances share a broker: the publisher's PUB socket
     * may reach several of them, and the broker takes the first of those copies only.
     */
    public void publishOnce(PublishItem item, String onceKey)
    {
        waitForCapacity(item, Source.SUB);
        broker.publishOnce(item, onceKey).whenComplete((published, failure) -> failed(item, Source.SUB, failure));
    }

    private int publishHere(PublishItem item)
    {
        int receivers = hub.publish(item);
        LOG.info("publish channel={} receivers={}", item.channel(), receivers);
        return receivers;
    }
}
