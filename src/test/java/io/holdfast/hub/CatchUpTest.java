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

/** A subscriber with a prev-id, caught up from the channel's history before any live item. */
class CatchUpTest
{
    private final AtomicLong clock = new AtomicLong(1_000);
    private final ChannelHub hub = new ChannelHub(60_000, 5_000, clock::get);
    private final RecordingSubscriber subscriber = new RecordingSubscriber(FormatKind.HTTP_STREAM);

    @Test
    void getsTheItemsAfterItsPrevIdAtOnceThenLiveOnes()
    {
        hub.setHistory(new MemoryHistory(10, 60_000, 1 << 20));
        publish("1", "2", "3");
        hub.subscribe("c", subscriber, Optional.of("1"), List.of());
        assertEquals(List.of("2", "3"), subscriber.received);
        hub.publish(item("4", "3"));
        assertEquals(List.of("2", "3", "4"), subscriber.received);
        assertEquals(0, subscriber.recovered.get(), "nothing missed, nothing asked of the origin");
    }

    @Test
    void aPrevIdThatIsTheNewestReplaysNothing()
    {
        hub.setHistory(new MemoryHistory(10, 60_000, 1 << 20));
        publish("1", "2");
        hub.subscribe("c", subscriber, Optional.of("2"), List.of());
        assertEquals(List.of(), subscriber.received);
        hub.publish(item("3", "2"));
        assertEquals(List.of("3"), subscriber.received);
    }

    @Test
    void aPrevIdNotInTheHistoryFallsBackToTheOrigin()
    {
        hub.setHistory(new MemoryHistory(2, 60_000, 1 << 20));
        publish("1", "2", "3");
        hub.subscribe("c", subscriber, Optional.of("1"), List.of());
        assertEquals(List.of(), subscriber.received, "1 fell out of a history of 2");
        hub.publish(item("4", "3"));
        assertEquals(1, subscriber.recovered.get(), "the gap goes to the origin, as without history");
    }

    @Test
    void anExpiredPrevIdFallsBackToo()
    {
        hub.setHistory(new MemoryHistory(10, 1_000, 1 << 20));
        publish("1", "2");
        clock.addAndGet(1_000);
        hub.subscribe("c", subscriber, Optional.of("1"), List.of());
        assertEquals(List.of(), subscriber.received);
    }

    @Test
    void withoutHistoryNothingIsReplayed()
    {
        publish("1", "2");
        hub.subscribe("c", subscriber, Optional.of("1"), List.of());
        assertEquals(List.of(), subscriber.received);
    }

    @Test
    void liveItemsDuringASlowHistoryReadFollowTheReplayOnceEach()
    {
        CompletableFuture<Optional<List<PublishItem>>> read = new CompletableFuture<>();
        hub.setHistory(new SlowHistory(read));
        PublishItem two = item("2", "1");
        hub.subscribe("c", subscriber, Optional.of("1"), List.of());
        hub.publish(two);
        hub.publish(item("3", "2"));
        assertEquals(List.of(), subscriber.received, "held back while the history is read");
        // The history read saw 2, which was also published live meanwhile.
        read.complete(Optional.of(List.of(two)));
        assertEquals(List.of("2", "3"), subscriber.received);
    }

    @Test
    void aFailedHistoryReadReleasesTheLiveItems()
    {
        CompletableFuture<Optional<List<PublishItem>>> read = new CompletableFuture<>();
        hub.setHistory(new SlowHistory(read));
        hub.subscribe("c", subscriber, Optional.of("1"), List.of());
        hub.publish(item("2", "1"));
        read.completeExceptionally(new IllegalStateException("broker down"));
        assertEquals(List.of("2"), subscriber.received);
    }

    @Test
    void tooManyLiveItemsDuringTheReadSendTheSubscriberToItsOrigin()
    {
        hub.setHistory(new SlowHistory(new CompletableFuture<>()));
        hub.subscribe("c", subscriber, Optional.of("0"), List.of());
        for (int i = 1; i <= CatchUp.MAX_WAITING + 1; i++)
            hub.publish(item(Integer.toString(i), Integer.toString(i - 1)));
        assertEquals(1, subscriber.recovered.get());
    }

    @Test
    void anUnsequencedSubscriberIsCaughtUpButNotSequenced()
    {
        RecordingSubscriber webSocket = new RecordingSubscriber(FormatKind.HTTP_STREAM, false);
        hub.setHistory(new MemoryHistory(10, 60_000, 1 << 20));
        publish("1", "2");
        hub.subscribe("c", webSocket, Optional.of("1"), List.of());
        hub.publish(item("9", "7"));
        assertEquals(List.of("2", "9"), webSocket.received);
        assertEquals(0, webSocket.recovered.get());
    }

    @Test
    void aCaughtUpSubscriberIsNotRecheckedWithItsOrigin() throws Exception
    {
        var timer = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        try
        {
            hub.setHistory(new MemoryHistory(10, 60_000, 1 << 20));
            hub.setFirstSubscriberRecheck(timer, 1);
            publish("1", "2");
            RecordingSubscriber missed = new RecordingSubscriber(FormatKind.HTTP_STREAM)
            {
                @Override
                public boolean recheckWhenFirst()
                {
                    return true;
                }
            };
            hub.subscribe("c", missed, Optional.of("1"), List.of());
            timer.shutdown();
            timer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, missed.recovered.get());
        }
        finally
        {
            timer.shutdownNow();
        }
    }

    private void publish(String... ids)
    {
        String prev = null;
        for (String id : ids)
        {
            hub.publish(item(id, prev));
            prev = id;
        }
    }
}
