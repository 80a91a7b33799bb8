// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HubMetricsTest
{
    @Test
    void aReplayedMessageCarriesItsPublishStartAndTheThreadGetsItsOwnBack()
    {
        List<Long> seen = new ArrayList<>();
        HubMetrics.publishing(7);
        try
        {
            HubMetrics.replaying(42, () -> seen.add(HubMetrics.publishStartNanos()));
            seen.add(HubMetrics.publishStartNanos());
        }
        finally
        {
            HubMetrics.publishing(0);
        }
        HubMetrics.replaying(43, () -> seen.add(HubMetrics.publishStartNanos()));
        seen.add(HubMetrics.publishStartNanos());
        assertEquals(List.of(42L, 7L, 43L, 0L), seen);
    }

    @Test
    void aDeliveryOutsideAnyPublishIsNotObserved()
    {
        HubMetrics metrics = new HubMetrics(new QueueBudget(0));
        metrics.deliveredAfter(0);
        metrics.deliveredAfter(System.nanoTime() - 1_000_000);
        assertEquals(1, metrics.latency().count());
    }
}
