// SPDX-License-Identifier: Apache-2.0
package io.holdfast.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HubMetricsTest
{
    @Test
    void aDeliveryOutsideAnyPublishIsNotObserved()
    {
        HubMetrics metrics = new HubMetrics(new QueueBudget(0));
        metrics.deliveredAfter(0);
        metrics.deliveredAfter(System.nanoTime() - 1_000_000);
        assertEquals(1, metrics.latency().count());
    }
}
