// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.holdfast.format.item.Action;
import io.holdfast.format.item.FormatKind;
import io.holdfast.format.item.HttpStreamFormat;
import io.holdfast.format.item.PublishItem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelHubTest
{
    private final AtomicLong clock = new AtomicLong(1_000);
    private final ChannelHub hub = new ChannelHub(60_000, 5_000, clock::get);

    @Test
    void deliversToEverySubscriberOfTheChannelOnly()
    {
        Recorder a = new Recorder(FormatKind.HTTP_STREAM);
        Recorder b = new Recorder(FormatKind.HTTP_STREAM);
        Recorder other = new Recorder(FormatKind.HTTP_STREAM);
        hub.subscribe("c", a, Optional.empty(), List.of());
        hub.subscribe("c", b, Optional.empty(), List.of());
        hub.subscribe("d", other, Optional.empty(), List.of());

        assertEquals(2, hub.publish(stream("c", null, null, "hello")));

        assertEquals(List.of("c:hello"), a.received);
        assertEquals(List.of("c:hello"), b.received);
        assertEquals(List.of(), other.received);
    }

    @Test
    void oneDeliveryCarriesThePublishStartAndFanOutToEveryReceiver()
    {
        Recorder a = new Recorder(FormatKind.HTTP_STREAM);
        Recorder b = new Recorder(FormatKind.HTTP_STREAM);
        hub.subscribe("c", a, Optional.empty(), List.of());
        hub.subscribe("c", b, Optional.empty(), List.of());
        long before = System.nanoTime();

        hub.publish(stream("c", null, null, "hello"));

        Delivery delivery = a.deliveries.get(0);
        assertSame(delivery, b.deliveries.get(0), "derived once, for all");
        assertTrue(delivery.publishedNanos() >= before && delivery.publishedNanos() <= System.nanoTime());
        assertEquals(2, delivery.fanOut());
        assertEquals("c", delivery.channel());
    }

    @Test
    void anItemReleasedAfterWaitingForItsPredecessorIsNotTimed()
    {
        Recorder a = new Recorder(FormatKind.HTTP_STREAM);
        hub.subscribe("c", a, Optional.empty(), List.of());
        hub.publish(stream("c", "1", null, "one"));
        hub.publish(stream("c", "3", "2", "three"));
        clock.addAndGet(5_001);
        hub.releaseOverdue();
        assertEquals(List.of("c:one", "c:three"), a.received);
        assertEquals(0, a.deliveries.get(1).publishedNanos());
    }

    @Test
    void deliversOnlyToSubscribersWithAMatchingFormat()
    {
        Recorder poll = new Recorder(FormatKind.HTTP_RESPONSE);
        hub.subscribe("c", poll, Optional.empty(), List.of());
        assertEquals(0, hub.publish(stream("c", null, null, "x")));
        assertEquals(List.of(), poll.received);
    }

    @Test
    void channelStateGoesWithTheLastSubscriberAndListenerIsTold()
    {
        List<String> events = new ArrayList<>();
        hub.addListener(new ChannelListener()
        {
            @Override
            public void channelActive(String channel)
            {
                events.add("+" + channel);
            }

            @Override
            public void channelIdle(String channel)
            {
                events.add("-" + channel);
            }
        });
        Recorder a = new Recorder(FormatKind.HTTP_STREAM);
        Recorder b = new Recorder(FormatKind.HTTP_STREAM);
        hub.subscribe("c", a, Optional.empty(), List.of());
        hub.subscribe("c", b, Optional.empty(), List.of());
        hub.unsubscribe("c", a);
        assertEquals(1, hub.subscriberCount("c"));
        hub.unsubscribe("c", b);
        assertFalse(hub.activeChannels().contains("c"));
        assertEquals(List.of("+c", "-c"), events);
        assertEquals(0, hub.channelCount());
    }

    @Test
    void duplicateIdsAreDroppedWithinTheTtl()
    {
        Recorder a = subscribed("c");
        assertEquals(1, hub.publish(stream("c", "1", null, "first")));
        assertEquals(0, hub.publish(stream("c", "1", null, "again")));
        clock.addAndGet(60_001);
        assertEquals(1, hub.publish(stream("c", "1", null, "after ttl")));
        assertEquals(List.of("c:first", "c:after ttl"), a.received);
    }

    @Test
    void dedupeIsPerChannel()
    {
        Recorder a = subscribed("c");
        Recorder b = subscribed("d");
        hub.publish(stream("c", "1", null, "x"));
        hub.publish(stream("d", "1", null, "y"));
        assertEquals(List.of("c:x"), a.received);
        assertEquals(List.of("d:y"), b.received);
    }

    @Test
    void outOfOrderItemsWaitForTheirPredecessor()
    {
        Recorder a = subscribed("c");
        hub.publish(stream("c", "1", null, "one"));
        assertEquals(0, hub.publish(stream("c", "3", "2", "three")));
        assertEquals(2, hub.publish(stream("c", "2", "1", "two")));
        assertEquals(List.of("c:one", "c:two", "c:three"), a.received);
    }

    @Test
    void parkedItemIsReleasedAfterMessageWait()
    {
        Recorder a = subscribed("c");
        hub.publish(stream("c", "1", null, "one"));
        hub.publish(stream("c", "3", "2", "three"));
        clock.addAndGet(4_000);
        hub.releaseOverdue();
        assertEquals(List.of("c:one"), a.received);
        clock.addAndGet(1_001);
        hub.releaseOverdue();
        assertEquals(List.of("c:one", "c:three"), a.received);
    }

    @Test
    void secondItemWaitingForTheSamePredecessorIsDropped()
    {
        Recorder a = subscribed("c");
        hub.publish(stream("c", "1", null, "one"));
        hub.publish(stream("c", "3", "2", "three"));
        hub.publish(stream("c", "3b", "2", "other three"));
        hub.publish(stream("c", "2", "1", "two"));
        assertEquals(List.of("c:one", "c:two", "c:three"), a.received);
    }

    @Test
    void noSeqBypassesSequencing()
    {
        Recorder a = subscribed("c");
        hub.publish(stream("c", "1", null, "one"));
        PublishItem unsequenced = new PublishItem("c", Optional.of("9"), Optional.of("8"), Map.of(), true,
            Optional.empty(), Optional.of(new HttpStreamFormat(Action.SEND, bytes("nine"), List.of())), Optional.empty());
        assertEquals(1, hub.publish(unsequenced));
        assertEquals(List.of("c:one", "c:nine"), a.received);
    }

    @Test
    void subscriberWithPrevIdRecoversOnAGapInsteadOfReceiving()
    {
        Recorder a = new Recorder(FormatKind.HTTP_STREAM);
        hub.subscribe("c", a, Optional.of("5"), List.of());
        assertEquals(1, hub.publish(stream("c", "6", "5", "six")));
        // The channel knows 6 came last, so 8 (after 7) first waits for 7...
        assertEquals(0, hub.publish(stream("c", "8", "7", "eight")));
        assertEquals(0, a.recovered);
        // ...and once released without it, the subscriber has a gap to recover.
        clock.addAndGet(5_001);
        hub.releaseOverdue();
        assertEquals(List.of("c:six"), a.received);
        assertEquals(1, a.recovered);
    }

    @Test
    void onAFreshChannelAGapIsRecoveredAtOnce()
    {
        Recorder a = new Recorder(FormatKind.HTTP_STREAM);
        hub.subscribe("c", a, Optional.of("5"), List.of());
        assertEquals(0, hub.publish(stream("c", "8", "7", "eight")));
        assertEquals(1, a.recovered);
    }

    @Test
    void lastIdsReportWhatEachSubscriberHas()
    {
        Recorder a = new Recorder(FormatKind.HTTP_STREAM);
        hub.subscribe("c", a, Optional.of("5"), List.of());
        hub.subscribe("d", a, Optional.empty(), List.of());
        hub.publish(stream("c", "6", "5", "six"));
        assertEquals(Map.of("c", "6"), hub.lastIds(a, List.of("c", "d")));
    }

    @Test
    void recoverAllAsksEachSubscriberOnceAndForgetsLastIds()
    {
        Recorder a = new Recorder(FormatKind.HTTP_STREAM);
        hub.subscribe("c", a, Optional.of("5"), List.of());
        hub.subscribe("d", a, Optional.empty(), List.of());
        hub.recoverAll();
        assertEquals(1, a.recovered);
        assertEquals(Map.of(), hub.lastIds(a, List.of("c", "d")));
    }

    @Test
    void filtersSkipSelfSkipUsersAndRequireSub()
    {
        Recorder alice = new Recorder(FormatKind.HTTP_STREAM, Map.of("user", "alice"));
        Recorder bob = new Recorder(FormatKind.HTTP_STREAM, Map.of("user", "bob"));
        hub.subscribe("c", alice, Optional.empty(), List.of("skip-self", "skip-users", "require-sub"));
        hub.subscribe("c", bob, Optional.empty(), List.of("skip-self", "skip-users", "require-sub"));
        hub.subscribe("vip", bob, Optional.empty(), List.of());

        hub.publish(withMeta(stream("c", null, null, "from alice"), Map.of("sender", "alice")));
        hub.publish(withMeta(stream("c", null, null, "not bob"), Map.of("skip_users", "carol, bob")));
        hub.publish(withMeta(stream("c", null, null, "vips"), Map.of("require_sub", "vip")));

        assertEquals(List.of("c:not bob"), alice.received);
        assertEquals(List.of("c:from alice", "c:vips"), bob.received);
    }

    @Test
    void publishingToAChannelNobodyListensToIsANoOp()
    {
        assertEquals(0, hub.publish(stream("nobody", "1", "0", "x")));
        assertEquals(0, hub.channelCount());
    }

    private Recorder subscribed(String channel)
    {
        Recorder recorder = new Recorder(FormatKind.HTTP_STREAM);
        hub.subscribe(channel, recorder, Optional.empty(), List.of());
        return recorder;
    }

    private static PublishItem stream(String channel, String id, String prevId, String content)
    {
        return new PublishItem(channel, Optional.ofNullable(id), Optional.ofNullable(prevId), Map.of(), false,
            Optional.empty(), Optional.of(new HttpStreamFormat(Action.SEND, bytes(content), List.of())), Optional.empty());
    }

    private static PublishItem withMeta(PublishItem item, Map<String, String> meta)
    {
        return new PublishItem(item.channel(), item.id(), item.prevId(), meta, item.noSeq(), item.httpResponse(),
            item.httpStream(), item.wsMessage());
    }

    private static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Records what the hub hands a subscriber. */
    @Test
    void aFirstSubscriberReChecksOnlyWhileItsChannelLives() throws Exception
    {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
        hub.setFirstSubscriberRecheck(timer, 50);
        Recorder gone = new Recorder(FormatKind.HTTP_RESPONSE, true);
        Recorder first = new Recorder(FormatKind.HTTP_RESPONSE, true);
        Recorder second = new Recorder(FormatKind.HTTP_RESPONSE, true);
        Recorder answered = new Recorder(FormatKind.HTTP_RESPONSE, false);
        hub.subscribe("c", gone, Optional.empty(), List.of());
        hub.unsubscribe("c", gone);
        hub.subscribe("c", first, Optional.empty(), List.of());
        hub.subscribe("c", second, Optional.empty(), List.of());
        hub.subscribe("c", answered, Optional.empty(), List.of());
        // Delayed tasks still run after shutdown: this waits for both re-checks.
        timer.shutdown();
        assertTrue(timer.awaitTermination(5, TimeUnit.SECONDS));

        assertEquals(0, gone.recovered, "left before its re-check");
        assertEquals(1, first.recovered, "the second activation's re-check, and only that one");
        assertEquals(1, second.recovered, "joined within the second");
        assertEquals(0, answered.recovered, "itself an answer to a recovery");
    }

    private static final class Recorder implements Subscriber
    {
        final FormatKind transport;
        final Map<String, String> meta;
        final List<String> received = new ArrayList<>();
        final List<Delivery> deliveries = new ArrayList<>();
        int recovered;

        final boolean recheckWhenFirst;

        Recorder(FormatKind transport)
        {
            this(transport, Map.of());
        }

        Recorder(FormatKind transport, boolean recheckWhenFirst)
        {
            this(transport, Map.of(), recheckWhenFirst);
        }

        Recorder(FormatKind transport, Map<String, String> meta)
        {
            this(transport, meta, false);
        }

        Recorder(FormatKind transport, Map<String, String> meta, boolean recheckWhenFirst)
        {
            this.transport = transport;
            this.meta = meta;
            this.recheckWhenFirst = recheckWhenFirst;
        }

        @Override
        public boolean recheckWhenFirst()
        {
            return recheckWhenFirst;
        }

        @Override
        public FormatKind takes()
        {
            return transport;
        }

        @Override
        public Map<String, String> meta()
        {
            return meta;
        }

        @Override
        public void deliver(Delivery delivery)
        {
            deliveries.add(delivery);
            received.add(delivery.channel() + ":"
                + new String(delivery.item().httpStream().orElseThrow().content(), StandardCharsets.UTF_8));
        }

        @Override
        public void recover()
        {
            recovered++;
        }
    }
}
