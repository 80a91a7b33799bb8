// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pushpin's message_rate as a bucket of one second's deliveries. */
class DeliveryRateTest
{
    @Test
    void aSecondsWorthGoesAtOnceAndThenTheRestWaits()
    {
        DeliveryRate rate = new DeliveryRate(10);
        assertTrue(rate.tryAcquire(10));
        assertFalse(rate.tryAcquire(5));
        long wait = rate.waitMillis(5);
        assertTrue(wait > 0 && wait <= 500, "half a second's worth is missing: " + wait + " ms");
    }

    @Test
    void aBatchLargerThanASecondsWorthPassesWhenTheBucketIsFullAndIsOwed()
    {
        DeliveryRate rate = new DeliveryRate(10);
        assertTrue(rate.tryAcquire(50), "never refused outright, or it could never go");
        assertFalse(rate.tryAcquire(1));
        assertTrue(rate.waitMillis(1) > 4000, "the 40 over are paid back first");
    }
}
