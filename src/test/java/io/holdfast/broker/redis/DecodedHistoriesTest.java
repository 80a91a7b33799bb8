// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.broker.BrokerItem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@link DecodedHistories}: each item parsed once per epoch and offset, and what a history has after an id. */
class DecodedHistoriesTest
{
    private final DecodedHistories histories = new DecodedHistories();

    private static HistoryScript.Entry entry(long offset)
    {
        String json = "{\"channel\":\"c\",\"id\":\"id-" + offset + "\",\"formats\":{\"http-stream\":{\"content\":\"" + offset
            + "\\n\"}}}";
        return new HistoryScript.Entry(offset, Optional.of("id-" + offset), json);
    }

    private static HistoryScript.History history(String epoch, long first, long last)
    {
        List<HistoryScript.Entry> entries = new ArrayList<>();
        for (long offset = first; offset <= last; offset++)
            entries.add(entry(offset));
        return new HistoryScript.History(Optional.of(epoch), last, entries);
    }

    private static List<BrokerItem> items(DecodedHistories.Decoded decoded)
    {
        return decoded.items().orElseThrow();
    }

    @Test
    void decodesEveryEntryWithItsOffsetAndEpoch()
    {
        List<BrokerItem> items = items(histories.decode("c", history("e1", 3, 5)));
        assertEquals(List.of(3L, 4L, 5L), items.stream().map(BrokerItem::offset).toList());
        assertEquals(List.of("e1", "e1", "e1"), items.stream().map(BrokerItem::epoch).toList());
        assertEquals("4\n", new String(items.get(1).item().httpStream().orElseThrow().content()));
        assertEquals(Optional.of("id-5"), items.get(2).item().id());
    }

    @Test
    void aLaterReadReusesTheItemsOfTheLastOneAndParsesOnlyNewOnes()
    {
        List<BrokerItem> first = items(histories.decode("c", history("e1", 1, 4)));
        // Trimmed at the front, two more at the end.
        List<BrokerItem> second = items(histories.decode("c", history("e1", 3, 6)));
        assertSame(first.get(2), second.get(0));
        assertSame(first.get(3), second.get(1));
        assertEquals(List.of(3L, 4L, 5L, 6L), second.stream().map(BrokerItem::offset).toList());
        assertEquals(Optional.of("id-6"), second.get(3).item().id());
    }

    @Test
    void aNewEpochParsesAgain()
    {
        List<BrokerItem> before = items(histories.decode("c", history("e1", 1, 2)));
        List<BrokerItem> after = items(histories.decode("c", history("e2", 1, 2)));
        assertNotSame(before.get(0), after.get(0));
        assertEquals("e2", after.get(0).epoch());
    }

    @Test
    void channelsDoNotShareItems()
    {
        List<BrokerItem> c = items(histories.decode("c", history("e1", 1, 2)));
        List<BrokerItem> d = items(histories.decode("d", history("e1", 1, 2)));
        assertNotSame(c.get(0), d.get(0));
    }

    @Test
    void onlyTheLastChannelsAreKept()
    {
        List<BrokerItem> first = items(histories.decode("c0", history("e1", 1, 1)));
        for (int i = 1; i <= DecodedHistories.CHANNELS; i++)
            histories.decode("c" + i, history("e1", 1, 1));
        assertNotSame(first.get(0), items(histories.decode("c0", history("e1", 1, 1))).get(0), "c0 was forgotten");
    }

    @Test
    void anItemThatDoesNotParseMakesTheHistoryUnusable()
    {
        HistoryScript.History bad = new HistoryScript.History(Optional.of("e1"), 2,
            List.of(entry(1), new HistoryScript.Entry(2, Optional.of("id-2"), "{not json")));
        DecodedHistories.Decoded decoded = histories.decode("c", bad);
        assertEquals(Optional.empty(), decoded.items());
        assertEquals(Optional.empty(), decoded.after("id-1"));
        // and the next read does not take it for a good one
        assertEquals(2, items(histories.decode("c", history("e1", 1, 2))).size());
    }

    @Test
    void afterGivesTheItemsFollowingAnIdOrNothingWhenTheIdIsNotThere()
    {
        DecodedHistories.Decoded decoded = histories.decode("c", history("e1", 1, 4));
        assertEquals(List.of(3L, 4L), decoded.after("id-2").orElseThrow().stream().map(BrokerItem::offset).toList());
        assertEquals(List.of(), decoded.after("id-4").orElseThrow());
        assertEquals(Optional.empty(), decoded.after("id-9"));
    }
}
