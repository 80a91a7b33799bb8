// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.format.item.PublishItem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrevIdOrderTest
{
    private final PrevIdOrder order = new PrevIdOrder();

    private static PublishItem item(String id, String prevId, boolean noSeq)
    {
        return new PublishItem("c", Optional.ofNullable(id), Optional.ofNullable(prevId), Map.of(), noSeq,
            Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static List<String> ids(List<PublishItem> items)
    {
        return items.stream().map(i -> i.id().orElse("-")).toList();
    }

    @Test
    void theFirstItemAndItemsThatFollowOnGoAtOnce()
    {
        assertFalse(order.parkIfEarly(item("1", "0", false), 0), "no last id yet: nothing to follow");
        assertEquals(List.of("1"), ids(order.releaseFrom(item("1", "0", false))));
        assertFalse(order.parkIfEarly(item("2", "1", false), 0));
        assertFalse(order.parkIfEarly(item("x", null, false), 0), "no prev-id");
    }

    @Test
    void anEarlyItemWaitsForItsPredecessorAndThenFollowsIt()
    {
        order.releaseFrom(item("1", null, false));
        assertTrue(order.parkIfEarly(item("3", "2", false), 10));
        assertTrue(order.parkIfEarly(item("4", "3", false), 10));
        assertEquals(List.of("2", "3", "4"), ids(order.releaseFrom(item("2", "1", false))));
        assertFalse(order.parkIfEarly(item("5", "4", false), 20), "4 is the last id now");
    }

    @Test
    void aSecondItemAfterTheSamePredecessorIsDroppedAndNoSeqNeverWaits()
    {
        order.releaseFrom(item("1", null, false));
        assertTrue(order.parkIfEarly(item("3", "2", false), 10));
        assertTrue(order.parkIfEarly(item("3b", "2", false), 10), "it waits as well, but is not kept");
        assertFalse(order.parkIfEarly(item("9", "8", true), 10), "no-seq");
        assertEquals(List.of("3"), ids(order.overdue(10)));
    }

    @Test
    void overdueItemsComeOutOldestFirstAndAtMostAHundredWait()
    {
        order.releaseFrom(item("0", null, false));
        for (int i = 1; i <= PrevIdOrder.MAX_PARKED + 5; i++)
            order.parkIfEarly(item("n" + i, "p" + i, false), i);
        assertEquals(List.of("n1", "n2"), ids(order.overdue(2)));
        assertEquals(PrevIdOrder.MAX_PARKED - 2, order.overdue(Long.MAX_VALUE).size());
    }

    @Test
    void aRecoverForgetsTheLastId()
    {
        order.releaseFrom(item("1", null, false));
        order.forget();
        assertFalse(order.parkIfEarly(item("7", "6", false), 0));
    }
}
