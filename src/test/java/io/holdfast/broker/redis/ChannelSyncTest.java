// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.broker.BrokerItem;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ChannelSync}: ordering, duplicates, holes filled from history, gaps and epoch changes. */
class ChannelSyncTest
{
    /** Records deliveries ("E/offset"), gaps ("gap") and history reads ("fetch from"). */
    private static final class Log implements ChannelSync.Output
    {
        final List<String> events = new ArrayList<>();
        long token;

        @Override
        public void deliver(BrokerItem item)
        {
            events.add(item.epoch() + "/" + item.offset());
        }

        @Override
        public void gap(String channel)
        {
            events.add("gap");
        }

        @Override
        public void fetch(ChannelSync sync, long from, long token)
        {
            this.token = token;
            events.add("fetch " + from);
        }
    }

    private final Log log = new Log();
    private final ChannelSync sync = new ChannelSync("c", log);

    private static Envelope live(String epoch, long offset)
    {
        return new Envelope(offset, epoch, ItemJson.encode(Items.item("c", "i" + offset)));
    }

    private static HistoryScript.Entry entry(long offset)
    {
        return new HistoryScript.Entry(offset, Optional.of("i" + offset), ItemJson.encode(Items.item("c", "i" + offset)));
    }

    private static HistoryScript.History history(String epoch, long offset, long... entries)
    {
        List<HistoryScript.Entry> list = new ArrayList<>();
        for (long e : entries)
            list.add(entry(e));
        return new HistoryScript.History(Optional.ofNullable(epoch), offset, list);
    }

    /** Subscribed at offset {@code offset} of E, confirmed, history read with nothing new. */
    private void subscribedAt(long offset)
    {
        sync.baseline(Optional.of("E"), offset);
        sync.resync();
        sync.history(log.token, history("E", offset));
        log.events.clear();
    }

    @Test
    void itemsPublishedDuringTheSubscribeComeFromHistoryThenLive()
    {
        sync.baseline(Optional.of("E"), 5);
        sync.live(live("E", 7));
        sync.live(live("E", 8));
        sync.resync();
        sync.live(live("E", 9));
        sync.history(log.token, history("E", 8, 6, 7, 8));
        assertEquals(List.of("fetch 6", "E/6", "E/7", "E/8", "E/9"), log.events);
    }

    @Test
    void duplicatesAreDroppedAndInOrderItemsPass()
    {
        subscribedAt(3);
        sync.live(live("E", 3));
        sync.live(live("E", 4));
        sync.live(live("E", 4));
        sync.live(live("E", 5));
        assertEquals(List.of("E/4", "E/5"), log.events);
    }

    @Test
    void aHoleIsFilledFromHistoryBeforeLaterItems()
    {
        subscribedAt(1);
        sync.live(live("E", 3));
        sync.live(live("E", 4));
        assertEquals(List.of("fetch 2"), log.events);
        sync.history(log.token, history("E", 4, 2, 3, 4));
        sync.live(live("E", 5));
        assertEquals(List.of("fetch 2", "E/2", "E/3", "E/4", "E/5"), log.events);
    }

    @Test
    void aHoleHistoryNoLongerHasIsAGap()
    {
        subscribedAt(1);
        sync.live(live("E", 5));
        sync.history(log.token, history("E", 5, 4, 5));
        assertEquals(List.of("fetch 2", "gap", "E/4", "E/5"), log.events);
    }

    @Test
    void withoutHistoryTheHeldItemsStillComeAfterTheGap()
    {
        subscribedAt(1);
        sync.live(live("E", 3));
        sync.live(live("E", 4));
        sync.history(log.token, history("E", 3));
        sync.live(live("E", 5));
        assertEquals(List.of("fetch 2", "gap", "E/3", "E/4", "E/5"), log.events);
    }

    @Test
    void withoutHistoryAnItemTheReadCountedArrivesLiveAfterIt()
    {
        sync.baseline(Optional.empty(), 0);
        sync.resync();
        sync.history(log.token, history("E", 1));
        sync.live(live("E", 1));
        sync.live(live("E", 2));
        assertEquals(List.of("fetch 1", "E/1", "E/2"), log.events);
    }

    /** Subscribed at 1 of E, then a read that counted items up to 3 and had none of them (history off). */
    private void readCountedTwoUnheard()
    {
        subscribedAt(1);
        sync.resync();
        sync.history(log.token, history("E", 3));
    }

    @Test
    void withoutHistoryItemsTheReadCountedThatNeverArriveAreAGapAtTheNextOne()
    {
        readCountedTwoUnheard();
        sync.live(live("E", 3));
        assertEquals(List.of("fetch 2", "gap", "E/3"), log.events);
    }

    @Test
    void withoutHistoryAllTheReadCountedLostThenALaterItemIsAGap()
    {
        readCountedTwoUnheard();
        sync.live(live("E", 4));
        sync.history(log.token, history("E", 4));
        sync.live(live("E", 5));
        assertEquals(List.of("fetch 2", "fetch 2", "gap", "E/4", "E/5"), log.events);
    }

    @Test
    void aNewEpochIsAGapThenContinues()
    {
        subscribedAt(10);
        sync.live(live("F", 1));
        sync.live(live("F", 2));
        assertEquals(List.of("gap", "F/1", "F/2"), log.events);
    }

    @Test
    void dataGoneAfterAReconnectIsAGapAndTheNextEpochStartsAtOne()
    {
        subscribedAt(4);
        sync.resync();
        sync.history(log.token, history(null, 0));
        sync.live(live("F", 1));
        assertEquals(List.of("fetch 5", "gap", "F/1"), log.events);
    }

    @Test
    void aChannelWithoutEpochTakesTheFirstOneSeen()
    {
        sync.baseline(Optional.empty(), 0);
        sync.resync();
        sync.history(log.token, history("E", 2, 1, 2));
        sync.live(live("E", 3));
        assertEquals(List.of("fetch 1", "E/1", "E/2", "E/3"), log.events);
    }

    @Test
    void aStaleHistoryAnswerIsIgnored()
    {
        subscribedAt(1);
        sync.live(live("E", 3));
        long stale = log.token;
        sync.resync();
        sync.history(stale, history("E", 3, 2, 3));
        assertEquals(List.of("fetch 2", "fetch 2"), log.events);
        sync.history(log.token, history("E", 3, 2, 3));
        assertEquals(List.of("fetch 2", "fetch 2", "E/2", "E/3"), log.events);
    }

    @Test
    void aChannelIsCheckedOnceWhenItHasBeenQuietForATick()
    {
        subscribedAt(1);
        assertEquals(false, sync.tailDue(), "nothing delivered: nothing to check");
        sync.live(live("E", 2));
        assertEquals(false, sync.tailDue(), "delivered since the last tick");
        assertEquals(true, sync.tailDue(), "quiet for a tick");
        assertEquals(false, sync.tailDue(), "checked already");
        sync.live(live("E", 3));
        sync.tailDue();
        assertEquals(true, sync.tailDue(), "quiet again after another delivery");
    }

    @Test
    void anOffsetPastTheLastDeliveredIsReadFromHistory()
    {
        subscribedAt(1);
        sync.live(live("E", 2));
        sync.tail(Optional.of("E"), 2);
        assertEquals(List.of("E/2"), log.events, "nothing missing");
        // 3 was published, its live message never came, and nothing came after it to show the hole.
        sync.tail(Optional.of("E"), 3);
        assertEquals(List.of("E/2", "fetch 3"), log.events);
        sync.history(log.token, history("E", 3, 3));
        assertEquals(List.of("E/2", "fetch 3", "E/3"), log.events);
    }

    @Test
    void anotherEpochAtTheTailIsReadFromHistory()
    {
        subscribedAt(1);
        sync.tail(Optional.of("F"), 1);
        sync.history(log.token, history("F", 1, 1));
        assertEquals(List.of("fetch 2", "gap", "F/1"), log.events);
    }

    @Test
    void noTailCheckWhileAHistoryReadIsUnderWay()
    {
        subscribedAt(1);
        sync.live(live("E", 2));
        sync.live(live("E", 4));
        sync.tailDue();
        assertEquals(false, sync.tailDue());
        sync.tail(Optional.of("E"), 4);
        assertEquals(List.of("E/2", "fetch 3"), log.events, "one read, for the hole");
    }
}
