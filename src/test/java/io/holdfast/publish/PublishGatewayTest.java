// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.holdfast.format.item.FormatKind;
import io.holdfast.format.item.PublishItem;
import io.holdfast.hub.ChannelHub;
import io.holdfast.stats.HubMetrics;
import io.holdfast.stats.QueueBudget;
import io.holdfast.testing.RecordingSubscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The one way items are published: refusals, and waiting inputs. */
class PublishGatewayTest
{
    private final ChannelHub hub = new ChannelHub(0, 5_000, System::currentTimeMillis);
    private final QueueBudget budget = new QueueBudget(100);
    private final HubMetrics metrics = new HubMetrics(budget);

    private static PublishItem item(String channel)
    {
        return new PublishItem(channel, Optional.empty(), Optional.empty(), Map.of(), false, Optional.empty(),
            Optional.empty(), Optional.empty());
    }

    @Test
    void refusesEverythingWhileSlowClientsHoldTheWholeBudget()
    {
        PublishGateway gateway = new PublishGateway(hub, metrics, 0);
        assertEquals(Optional.empty(), gateway.refusal(List.of(item("c"))));
        budget.add(100);
        assertEquals(Optional.of("Too much data is queued for slow clients. Retry later."),
            gateway.refusal(List.of(item("c"))));
        assertEquals(1, metrics.refused());
    }

    @Test
    void refusesABatchOverTheMessageRateCountingDeliveriesNotItems()
    {
        PublishGateway gateway = new PublishGateway(hub, metrics, 3);
        hub.subscribe("c", new RecordingSubscriber(FormatKind.HTTP_STREAM), Optional.empty(), List.of());
        hub.subscribe("c", new RecordingSubscriber(FormatKind.HTTP_STREAM), Optional.empty(), List.of());
        assertEquals(Optional.empty(), gateway.refusal(List.of(item("c"))), "2 deliveries of 3 a second");
        assertEquals(Optional.of("Over the message rate. Retry later."), gateway.refusal(List.of(item("c"))),
            "2 more: over the rate");
        assertEquals(Optional.empty(), gateway.refusal(List.of(item("nobody"))), "no subscribers, no deliveries");
    }

    @Test
    void aZeroMqInputWaitsForTheBudgetInsteadOfBeingRefused() throws Exception
    {
        PublishGateway gateway = new PublishGateway(hub, metrics, 0);
        budget.add(100);
        CompletableFuture<Integer> pull = CompletableFuture.supplyAsync(
            () -> gateway.publish(item("c"), PublishGateway.Source.PULL));
        assertFalse(pull.isDone() && budget.exhausted(), "it waits while the budget is exhausted");
        budget.release(50);
        assertEquals(0, pull.get(10, TimeUnit.SECONDS));
        assertFalse(budget.exhausted());
    }
}
