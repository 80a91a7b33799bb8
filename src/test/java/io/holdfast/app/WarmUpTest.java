// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.holdfast.hub.ChannelHub;
import io.holdfast.route.RouteTable;
import io.holdfast.route.RoutesParser;
import io.holdfast.stats.HubActivity;
import io.holdfast.stats.HubMetrics;
import io.holdfast.stats.QueueBudget;
import io.holdfast.testing.LogLines;
import io.holdfast.testing.Ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The warm-up on its own: reported when no container runs it, harmless when the proxy is not there. */
class WarmUpTest
{
    private final HubActivity activity = new HubActivity(System::currentTimeMillis);
    private final HubMetrics metrics = new HubMetrics(new QueueBudget(0));
    private final ChannelHub hub = new ChannelHub(60_000, 5_000, System::currentTimeMillis, activity, metrics);

    @BeforeAll
    static void keepLogLines()
    {
        LogLines.install();
    }

    @Test
    void aWarmUpNoContainerRanIsReported()
    {
        WarmUp warmUp = new WarmUp(hub, metrics, activity, 1_000, 100);
        assertTrue(warmUp.reportIfNotRun());
        LogLines.await("holdfast.warmup is set, but this container did not run the warm-up");
    }

    @Test
    void aProxyThatDoesNotAnswerEndsItEarlyLeavingTheRoutesAsTheyWere() throws Exception
    {
        RouteTable configured = RouteTable.of(RoutesParser.parse("* 127.0.0.1:1", "test").routes());
        WarmUp warmUp = new WarmUp(hub, metrics, activity, 1_000, 100);
        Supplier<RouteTable> routes = warmUp.routes(() -> configured);
        metrics.itemReceived();

        assertEquals(0, warmUp.applyAsInt(Ports.unused()));

        LogLines.await("warm-up ended early after 0 holds", "Connection refused");
        assertFalse(warmUp.reportIfNotRun(), "it ran, though briefly");
        assertSame(configured, routes.get());
        assertEquals(0, metrics.received());
        assertEquals(0, hub.activeChannels().size());
    }
}
