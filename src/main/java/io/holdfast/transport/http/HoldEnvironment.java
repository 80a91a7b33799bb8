// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import io.holdfast.hub.ChannelHub;
import io.holdfast.stats.HubActivity;
import io.holdfast.stats.HubMetrics;
import io.holdfast.transport.Departures;
import io.holdfast.transport.HoldClock;

/**
 * What every held HTTP connection shares: the channel hub, where it reports deliveries, drops
 * ({@code metrics}) and its connection ({@code activity}), the proxy's own clock (long-poll
 * timeouts and keep-alives run on its timer, never on a thread per connection), the writers that
 * drain held streams' queues (a few threads for all of them) and the per-client queue bounds of
 * the slow-consumer policy, and the watch for clients that leave. Immutable.
 */
public record HoldEnvironment(ChannelHub hub, HubMetrics metrics, HubActivity activity, HoldClock clock, Executor writers,
                              int queueMessages, long queueBytes, Departures departures)
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
