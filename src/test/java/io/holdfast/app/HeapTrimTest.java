// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapTrimTest
{
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger collections = new AtomicInteger();
    // The most held at once since the last tick, when more than were held at either tick.
    private final AtomicInteger between = new AtomicInteger();

    private HeapTrim trim(boolean enabled)
    {
        return new HeapTrim(connections::get, () -> between.getAndSet(0), collections::incrementAndGet, enabled);
    }

    private boolean tickAt(HeapTrim trim, int held)
    {
        connections.set(held);
        return trim.tick();
    }

    @Test
    void collectsOnceAFloodHasLeftAndTheCountSettled()
    {
        HeapTrim trim = trim(true);
        assertFalse(tickAt(trim, 15_000), "the flood is there");
        assertFalse(tickAt(trim, 6_000), "still falling");
        assertFalse(tickAt(trim, 200), "still falling");
        assertTrue(tickAt(trim, 200), "settled at well under half the peak");
        assertEquals(1, collections.get());
        assertFalse(tickAt(trim, 200), "once per flood");
        assertEquals(1, collections.get());
    }

    @Test
    void aFewConnectionsComingAndGoingStillCountAsSettled()
    {
        HeapTrim trim = trim(true);
        tickAt(trim, 15_000);
        tickAt(trim, 300);
        assertTrue(tickAt(trim, 290), "ten fewer: settled enough");
    }

    @Test
    void aFloodThatCameAndWentBetweenTwoTicksCounts()
    {
        HeapTrim trim = trim(true);
        tickAt(trim, 5);
        between.set(HeapTrim.MIN_DROP + 5);
        assertTrue(tickAt(trim, 5), "no ticks saw them, but they were held and left");
        assertEquals(1, collections.get());
    }

    @Test
    void aSmallDropIsNotAFlood()
    {
        HeapTrim trim = trim(true);
        tickAt(trim, HeapTrim.MIN_DROP - 1);
        tickAt(trim, 0);
        assertFalse(tickAt(trim, 0));
        assertEquals(0, collections.get());
    }

    @Test
    void moreThanHalfStillHeldIsNoTrim()
    {
        HeapTrim trim = trim(true);
        tickAt(trim, 4_000);
        tickAt(trim, 2_001);
        assertFalse(tickAt(trim, 2_001), "a drop of 1,999 but more than half remain");
        assertTrue(tickAt(trim, 2_000), "half the peak, and no longer falling");
    }

    @Test
    void aSecondFloodWithinTenSecondsWaits()
    {
        HeapTrim trim = trim(true);
        tickAt(trim, 5_000);
        tickAt(trim, 0);
        assertTrue(tickAt(trim, 0));
        tickAt(trim, 5_000);
        tickAt(trim, 0);
        assertFalse(tickAt(trim, 0), "the last collection was just now");
        assertEquals(1, collections.get());
    }

    @Test
    void neverCollectsWhenExplicitCollectionsAreDisabled()
    {
        HeapTrim trim = trim(false);
        tickAt(trim, 15_000);
        tickAt(trim, 0);
        assertFalse(tickAt(trim, 0));
        assertEquals(0, collections.get());
    }
}
