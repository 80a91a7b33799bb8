// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.holdfast.format.item.FormatKind;
import io.holdfast.format.item.PublishItem;
import io.holdfast.hub.HubFixtures.SlowHistory;
import io.holdfast.testing.RecordingSubscriber;

import static io.holdfast.hub.HubFixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subscriber taking the place of a paused one (a long-poll re-asked of its origin, answered by a
 * new hold): what was published in between reaches the successor once, in order, through the
 * successor's own format, filters and prev-id, and the predecessor leaves.
 */
class HandoverTest
{
    private final AtomicLong clock = new AtomicLong(1_000);
    private final ChannelHub hub = new ChannelHub(60_000, 5_000, clock::get);
    private final RecordingSubscriber predecessor = new RecordingSubscriber(FormatKind.HTTP_STREAM);
    private final RecordingSubscriber successor = new RecordingSubscriber(FormatKind.HTTP_STREAM);

    @Test
    void whatWasPublishedWhilePausedReachesTheSuccessorFirstThenLiveItems()
    {
        hub.subscribe("c", predecessor, Optional.empty(), List.of());
        hub.publish(item("1", null));
        hub.pause("c", predecessor);
        hub.publish(item("2", "1"));
        hub.publish(item("3", "2"));
        assertEquals(List.of("1"), predecessor.received, "a paused subscriber gets nothing");
        hub.subscribe("c", successor, Optional.empty(), List.of(), predecessor);
        hub.publish(item("4", "3"));
        assertEquals(List.of("2", "3", "4"), successor.received);
        assertEquals(List.of("1"), predecessor.received);
        assertFalse(hub.isSubscribed("c", predecessor), "the predecessor left");
        assertEquals(1, hub.subscriberCount("c"));
    }

    @Test
    void theSuccessorsPrevIdSequencesWhatItInherits()
    {
        hub.subscribe("c", predecessor, Optional.empty(), List.of());
        hub.pause("c", predecessor);
        hub.publish(item("2", "1"));
        hub.publish(item("3", "2"));
        // The origin's new answer says it has 1: 2 and 3 follow on, and the sequence goes on from 3.
        hub.subscribe("c", successor, Optional.of("1"), List.of(), predecessor);
        assertEquals(List.of("2", "3"), successor.received);
        hub.publish(item("4", "3"));
        assertEquals(List.of("2", "3", "4"), successor.received);
        assertEquals(0, successor.recovered.get());
    }

    @Test
    void anInheritedItemThatDoesNotFollowTheSuccessorsPrevIdIsAGap()
    {
        hub.subscribe("c", predecessor, Optional.empty(), List.of());
        hub.pause("c", predecessor);
        hub.publish(item("2", "1"));
        hub.subscribe("c", successor, Optional.of("0"), List.of(), predecessor);
        assertEquals(List.of(), successor.received);
        assertEquals(1, successor.recovered.get());
    }

    @Test
    void theSuccessorsFormatDecidesWhatItTakes()
    {
        RecordingSubscriber longPoll = new RecordingSubscriber(FormatKind.HTTP_RESPONSE);
        hub.subscribe("c", predecessor, Optional.empty(), List.of());
        hub.pause("c", predecessor);
        hub.publish(item("1", null));
        hub.subscribe("c", longPoll, Optional.empty(), List.of(), predecessor);
        assertEquals(List.of(), longPoll.received);
        assertEquals(0, longPoll.recovered.get());
        assertFalse(hub.isSubscribed("c", predecessor));
    }

    @Test
    void aSuccessorCaughtUpFromHistoryGetsEachItemOnce()
    {
        hub.setHistory(new MemoryHistory(10, 60_000, 1 << 20));
        hub.publish(item("1", null));
        hub.subscribe("c", predecessor, Optional.empty(), List.of());
        hub.pause("c", predecessor);
        hub.publish(item("2", "1"));
        hub.publish(item("3", "2"));
        hub.subscribe("c", successor, Optional.of("1"), List.of(), predecessor);
        hub.publish(item("4", "3"));
        assertEquals(List.of("2", "3", "4"), successor.received);
        assertEquals(0, successor.recovered.get());
    }

    @Test
    void aPredecessorPausedWhileItsHistoryIsReadPassesTheReplayOn()
    {
        CompletableFuture<Optional<List<PublishItem>>> read = new CompletableFuture<>();
        hub.setHistory(new SlowHistory(read));
        PublishItem two = item("2", "1");
        hub.subscribe("c", predecessor, Optional.of("1"), List.of());
        hub.publish(two);
        hub.pause("c", predecessor);
        hub.publish(item("3", "2"));
        read.complete(Optional.of(List.of(two)));
        assertEquals(List.of(), predecessor.received, "paused before its history came");
        hub.subscribe("c", successor, Optional.empty(), List.of(), predecessor);
        assertEquals(List.of("2", "3"), successor.received);
    }

    @Test
    void tooMuchWhilePausedSendsTheSuccessorToItsOrigin()
    {
        hub.subscribe("c", predecessor, Optional.empty(), List.of());
        hub.pause("c", predecessor);
        for (int i = 1; i <= CatchUp.MAX_WAITING + 1; i++)
            hub.publish(item(Integer.toString(i), null));
        hub.subscribe("c", successor, Optional.empty(), List.of(), predecessor);
        assertEquals(1, successor.recovered.get());
        assertEquals(List.of(), successor.received);
    }

    @Test
    void aPredecessorThatIsNotPausedKeepsItsPlace()
    {
        hub.subscribe("c", predecessor, Optional.empty(), List.of());
        hub.subscribe("c", successor, Optional.empty(), List.of(), predecessor);
        hub.publish(item("1", null));
        assertEquals(List.of("1"), predecessor.received);
        assertEquals(List.of("1"), successor.received);
        assertTrue(hub.isSubscribed("c", predecessor));
    }

    @Test
    void aChannelTheSuccessorDoesNotTakeDropsWhatWaitedWhenThePredecessorLeaves()
    {
        hub.subscribe("c", predecessor, Optional.empty(), List.of());
        hub.pause("c", predecessor);
        hub.publish(item("1", null));
        hub.subscribe("d", successor, Optional.empty(), List.of(), predecessor);
        hub.unsubscribe("c", predecessor);
        assertEquals(0, hub.channelCount() - 1, "only d is left");
        assertEquals(List.of(), successor.received);
    }
}
