// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.holdfast.broker.Broker;
import io.holdfast.broker.redis.RedisBroker;
import io.holdfast.config.Setting;
import io.holdfast.config.Settings;
import io.holdfast.hub.ChannelHub;
import io.holdfast.hub.History;
import io.holdfast.publish.BrokerHistory;
import io.holdfast.publish.BrokerRelay;
import io.holdfast.publish.PublishGateway;
import io.holdfast.stats.HubMetrics;

/**
 * The Redis that instances share ({@code holdfast.redis.uri}), wired in: the gateway publishes
 * through it, the hub takes what it brings back and keeps its history there. Its own thread hands
 * items to the hub, so a busy timer never delays a delivery. Closing it disconnects and ends that
 * thread.
 */
final class SharedBroker implements AutoCloseable
{
    private final Broker broker;
    private final ScheduledThreadPoolExecutor lane;

    private SharedBroker(Broker broker, ScheduledThreadPoolExecutor lane)
    {
        this.broker = broker;
        this.lane = lane;
    }

    /** Connects when a Redis is configured (in the background: publishes get 503 until it is up). */
    static Optional<SharedBroker> start(Settings settings, ChannelHub hub, PublishGateway gateway, HubMetrics metrics,
                                        ThreadFactory threads)
    {
        String uri = settings.string(Setting.REDIS_URI);
        if (uri.isEmpty())
            return Optional.empty();
        ScheduledThreadPoolExecutor lane = new ScheduledThreadPoolExecutor(1, threads);
        lane.setRemoveOnCancelPolicy(true);
        Broker broker = new RedisBroker(uri, (int)Math.min(settings.number(Setting.HISTORY_SIZE), Integer.MAX_VALUE),
            Math.max(1, settings.number(Setting.HISTORY_TTL)), lane);
        BrokerRelay relay = new BrokerRelay(hub, broker, metrics);
        hub.setHistory(settings.number(Setting.HISTORY_SIZE) > 0 ? new BrokerHistory(broker) : History.NONE);
        hub.addListener(relay);
        gateway.setBroker(broker);
        broker.start(relay);
        return Optional.of(new SharedBroker(broker, lane));
    }

    /** One line for {@code /health}: the broker's state and where it is. */
    String describe()
    {
        return broker.describe();
    }

    @Override
    public void close()
    {
        broker.close();
        lane.shutdownNow();
        try
        {
            lane.awaitTermination(2, TimeUnit.SECONDS);
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}
