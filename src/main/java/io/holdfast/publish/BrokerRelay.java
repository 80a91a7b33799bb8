// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.broker.Broker;
import io.holdfast.broker.BrokerItem;
import io.holdfast.broker.BrokerListener;
import io.holdfast.broker.BrokerState;
import io.holdfast.hub.ChannelHub;
import io.holdfast.hub.ChannelListener;
import io.holdfast.stats.HubMetrics;

/**
 * Joins the hub to the broker both ways: the channels with local subscribers are the ones the
 * broker receives, and what it receives (from any instance, this one included) is published to
 * the hub. Items the broker could not replace become a recovery of that channel's subscribers,
 * which ask their origins. Thread-safe.
 */
public final class BrokerRelay implements BrokerListener, ChannelListener
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.publish");

    private final ChannelHub hub;
    private final Broker broker;
    private final HubMetrics metrics;

    public BrokerRelay(ChannelHub hub, Broker broker, HubMetrics metrics)
    {
        this.hub = hub;
        this.broker = broker;
        this.metrics = metrics;
        metrics.brokerState(BrokerState.CONNECTING.name());
    }

    @Override
    public void received(BrokerItem item)
    {
        int receivers = hub.publish(item.item());
        LOG.info("publish channel={} receivers={}", item.item().channel(), receivers);
    }

    @Override
    public void gap(String channel)
    {
        LOG.warn("broker: items of channel {} were lost; its subscribers ask their origins", channel);
        hub.recoverChannel(channel);
    }

    @Override
    public void stateChanged(BrokerState state)
    {
        metrics.brokerState(state.name());
        if (state == BrokerState.UP)
            LOG.info("broker: up ({})", broker.describe());
        else
            LOG.warn("broker: {} ({})", state.name().toLowerCase(Locale.ROOT), broker.describe());
    }

    @Override
    public void channelActive(String channel)
    {
        follow(channel);
    }

    @Override
    public void channelIdle(String channel)
    {
        follow(channel);
    }

    // Active and idle may be reported out of order when a channel flips quickly: each report
    // applies whatever the hub says now, and the lock makes the last report the one that holds.
    private synchronized void follow(String channel)
    {
        if (hub.subscriberCount(channel) > 0)
            broker.subscribe(channel);
        else
            broker.unsubscribe(channel);
    }
}
