// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import io.holdfast.hub.ChannelHub;
import io.holdfast.hub.Refreshables;
import io.holdfast.stats.HubActivity;
import io.holdfast.stats.HubMetrics;
import io.holdfast.transport.Departures;
import io.holdfast.transport.HoldClock;

/**
 * What every proxied WebSocket shares: the channel hub, where deliveries, drops ({@code metrics})
 * and connections ({@code activity}) are reported, where sessions a {@code refresh} command can
 * reach are registered ({@code refreshables}), the proxy's clock (keep-alives run on its timer), an
 * executor for closing sessions (a close may block while the container writes it), the per-peer
 * queue bounds of the slow-consumer policy, the largest message accepted from a client and how
 * often a quiet client is pinged to find out whether it is still there (0: never).
 * Immutable.
 */
public record WsEnvironment(
    ChannelHub hub,
    HubMetrics metrics,
    HubActivity activity,
    Refreshables refreshables,
    HoldClock clock,
    Executor closer,
    int queueMessages,
    long queueBytes,
    int subscriptionMax,
    int maxMessageBytes,
    long pingIntervalMillis,
    Departures departures)
{
    public ScheduledExecutorService timer()
    {
        return clock.timer();
    }

    public long nanoTime()
    {
        return clock.nanoTime();
    }
}
