// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.format.item.PublishItem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MemoryHistoryTest
{
    private final MemoryHistory history = new MemoryHistory(3, 1_000, 1 << 20);

    @Test
    void theItemsAfterAnIdOldestFirst()
    {
        record(0, "a", "b", "c");
        assertEquals(Optional.of(List.of("b", "c")), ids("a", 0));
        assertEquals(Optional.of(List.of()), ids("c", 0));
    }

    @Test
    void anUnknownIdOrChannelIsNotInIt()
    {
        record(0, "a");
        assertEquals(Optional.empty(), ids("z", 0));
        assertEquals(Optional.empty(), history.after("other", "a", 0).toCompletableFuture().join());
    }

    @Test
    void keepsTheNewestSizeItems()
    {
        record(0, "a", "b", "c", "d");
        assertEquals(Optional.empty(), ids("a", 0));
        assertEquals(Optional.of(List.of("c", "d")), ids("b", 0));
    }

    @Test
    void itemsExpireAfterTheTtlAndAnEmptiedChannelIsDropped()
    {
        record(0, "a");
        record(500, "b");
        assertEquals(Optional.of(List.of("b")), ids("a", 999));
        assertEquals(Optional.empty(), ids("a", 1_000));
        history.expire(1_499);
        assertEquals(1, history.channelCount());
        history.expire(1_500);
        assertEquals(0, history.channelCount());
    }

    @Test
    void pastItsBytesTheOldestItemsOfAnyChannelGoFirst()
    {
        MemoryHistory small = new MemoryHistory(100, 60_000, 3 * 256);
        for (String channel : new String[]{"x", "y", "x", "y"})
            small.record(new PublishItem(channel, Optional.of(channel + small.bytes()), Optional.empty(), Map.of(), false,
                Optional.empty(), Optional.empty(), Optional.empty()), 0);
        assertEquals(3 * 256, small.bytes());
        assertEquals(Optional.empty(), small.after("x", "x0", 0).toCompletableFuture().join(), "the oldest went");
        assertEquals(Optional.of(List.of()), small.after("x", "x512", 0).toCompletableFuture().join());
        assertEquals(List.of("y768"), small.after("y", "y256", 0).toCompletableFuture().join().orElseThrow().stream()
            .map(item -> item.id().orElseThrow()).toList());
    }

    @Test
    void expiredItemsFreeTheirBytes()
    {
        record(0, "a", "b");
        assertEquals(2 * 256, history.bytes());
        history.expire(1_000);
        assertEquals(0, history.bytes());
    }

    @Test
    void aRepeatedIdCountsFromItsLastUse()
    {
        record(0, "a", "b", "a");
        assertEquals(Optional.of(List.of()), ids("a", 0));
    }

    @Test
    void itemsWithoutIdsAreKeptAndReplayed()
    {
        record(0, "a", null, "c");
        assertEquals(Optional.of(List.of("-", "c")), ids("a", 0));
    }

    @Test
    void sizeAndTtlMustBePositive()
    {
        assertThrows(IllegalArgumentException.class, () -> new MemoryHistory(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MemoryHistory(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MemoryHistory(1, 1, 0));
    }

    private void record(long nowMillis, String... ids)
    {
        for (String id : ids)
            history.record(new PublishItem("c", Optional.ofNullable(id), Optional.empty(), Map.of(), false, Optional.empty(),
                Optional.empty(), Optional.empty()), nowMillis);
    }

    private Optional<List<String>> ids(String after, long nowMillis)
    {
        return history.after("c", after, nowMillis).toCompletableFuture().join()
            .map(items -> items.stream().map(item -> item.id().orElse("-")).toList());
    }
}
