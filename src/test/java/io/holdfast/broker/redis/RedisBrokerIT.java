// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.holdfast.broker.BrokerItem;
import io.holdfast.broker.BrokerState;
import io.holdfast.broker.BrokerUnavailableException;
import io.holdfast.testing.Await;
import io.holdfast.testing.RedisServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RedisBroker} against a real redis-server: items crossing instances in order, the subscribe
 * window, history, gap filling, a pub/sub connection killed, and passwords.
 */
class RedisBrokerIT
{
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static RedisServer server;
    private static ScheduledExecutorService timer;
    private final List<RedisBroker> brokers = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws IOException
    {
        server = RedisServer.start();
        timer = Executors.newScheduledThreadPool(2);
    }

    @AfterAll
    static void stopRedis() throws Exception
    {
        timer.shutdownNow();
        server.close();
    }

    @AfterEach
    void closeBrokers()
    {
        brokers.forEach(RedisBroker::close);
    }

    private RedisBroker broker(Recorder recorder, int historySize, long ttl)
    {
        return broker(server.uri(), recorder, historySize, ttl);
    }

    private RedisBroker broker(String uri, Recorder recorder, int historySize, long ttl)
    {
        RedisBroker broker = new RedisBroker(uri, historySize, ttl, timer);
        brokers.add(broker);
        broker.start(recorder);
        return broker;
    }

    private static RedisBroker up(RedisBroker broker)
    {
        Await.until("the broker is up", WAIT, () -> broker.state() == BrokerState.UP);
        return broker;
    }

    /** A broker that is up and subscribed to {@code channels}, as Redis has seen; what it receives goes to {@code recorder}. */
    private RedisBroker subscribed(Recorder recorder, int historySize, String... channels)
    {
        RedisBroker broker = up(broker(recorder, historySize, 60));
        for (String channel : channels)
            broker.subscribe(channel);
        for (String channel : channels)
            awaitSubscribers(channel, 1);
        // and caught up: until then a channel's live items wait, and another channel's may pass them
        for (String channel : channels)
            Await.until(channel + " live", WAIT, () -> broker.live(channel).join());
        return broker;
    }

    /** Waits until Redis has {@code count} subscribers on {@code channel}: a baseline was read before. */
    /** Instance A, publishing to {@code channel}, which instance B (recording into {@code b}) has subscribed to. */
    private RedisBroker publisherTo(Recorder b, int historySize, String channel) throws Exception
    {
        RedisBroker brokerA = up(broker(new Recorder(), historySize, 60));
        up(broker(b, historySize, 60)).subscribe(channel);
        awaitSubscribers(channel, 1);
        return brokerA;
    }

    private static void awaitSubscribers(String channel, long count)
    {
        Await.until(count + " subscribers on " + channel, WAIT, () ->
        {
            try
            {
                return server.subscribers(RedisKeys.pub(channel)) == count;
            }
            catch (IOException e)
            {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static List<Long> range(long from, long to)
    {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void itemsCrossInstancesInOrderAndOnlyToSubscribers() throws Exception
    {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        RedisBroker brokerA = up(broker(a, 10, 60));
        RedisBroker brokerB = up(broker(b, 10, 60));
        brokerB.subscribe("cross");
        brokerB.subscribe("cross");
        awaitSubscribers("cross", 1);

        List<BrokerItem> published = new ArrayList<>();
        for (String id : List.of("x1", "x2", "x3"))
            published.add(brokerA.publish(Items.item("cross", id)).get(5, TimeUnit.SECONDS));
        brokerA.publish(Items.item("elsewhere", "e1")).get(5, TimeUnit.SECONDS);

        assertEquals(range(1, 3), published.stream().map(BrokerItem::offset).toList());
        Await.until("B has three items", WAIT, () -> b.items.size() >= 3);
        assertEquals(range(1, 3), b.offsets("cross"));
        assertEquals(List.of("x1", "x2", "x3"), b.items("cross").stream().map(i -> i.item().id().orElseThrow()).toList());
        assertEquals(published.get(0).epoch(), b.items.get(0).epoch());
        brokerB.publish(Items.item("cross", "x4")).get(5, TimeUnit.SECONDS);
        Await.until("B has its own item too", WAIT, () -> b.offsets("cross").size() == 4);
        assertEquals(List.of(), b.offsets("elsewhere"));
        assertEquals(List.of(), a.items);
        assertEquals(List.of(), b.gaps);
        assertTrue(brokerA.describe().contains("UP"), brokerA.describe());
    }

    @Test
    void aThousandItemsArriveInOrderOnce() throws Exception
    {
        Recorder b = new Recorder();
        RedisBroker brokerA = up(broker(new Recorder(), 100, 60));
        subscribed(b, 100, "many");
        CompletableFuture<?> last = null;
        for (int i = 1; i <= 1000; i++)
            last = brokerA.publish(Items.item("many", "m" + i));
        last.get(10, TimeUnit.SECONDS);
        Await.until("B has 1000 items", WAIT, () -> b.items.size() >= 1000);
        Await.forAtLeast(Duration.ofMillis(200));
        assertEquals(range(1, 1000), b.offsets("many"));
        for (int i = 0; i < 1000; i++)
            assertEquals("m" + (i + 1), Items.content(b.items.get(i).item()));
        assertEquals(List.of(), b.gaps);
    }

    /**
     * A POST's items in one call: each run of one channel goes as one script run, and every item
     * is numbered, kept and delivered as if published alone, in order.
     */
    @Test
    void itemsPublishedTogetherAreNumberedKeptAndDeliveredInOrder() throws Exception
    {
        Recorder b = new Recorder();
        RedisBroker brokerA = up(broker(new Recorder(), 10, 60));
        RedisBroker brokerB = subscribed(b, 10, "batch-a", "batch-b");
        List<String> ids = List.of("a1", "a2", "b1", "a3", "a4", "a5");
        List<BrokerItem> published = brokerA.publishAll(ids.stream()
            .map(id -> Items.item(id.startsWith("a") ? "batch-a" : "batch-b", id)).toList()).get(5, TimeUnit.SECONDS);

        assertEquals(ids, published.stream().map(i -> i.item().id().orElseThrow()).toList());
        assertEquals(List.of(1L, 2L, 1L, 3L, 4L, 5L), published.stream().map(BrokerItem::offset).toList());
        Await.until("B has all six", WAIT, () -> b.items.size() >= 6);
        assertEquals(ids, b.items.stream().map(i -> i.item().id().orElseThrow()).toList(), "delivered in the order published");
        assertEquals(range(1, 5), b.offsets("batch-a"));
        assertEquals(List.of(), b.gaps);
        List<BrokerItem> after = brokerB.itemsAfter("batch-a", "a1").get(5, TimeUnit.SECONDS).orElseThrow();
        assertEquals(List.of("a2", "a3", "a4", "a5"), after.stream().map(i -> i.item().id().orElseThrow()).toList());
        assertTrue(brokerA.describe().contains("6 published"), brokerA.describe());

        // A batch longer than the history keeps its last items, exactly as many as the size.
        brokerA.publishAll(IntStream.rangeClosed(1, 15).mapToObj(i -> Items.item("batch-trim", "t" + i)).toList())
            .get(5, TimeUnit.SECONDS);
        assertEquals("10", server.command("XLEN", RedisKeys.stream("batch-trim")).substring(1));
        assertEquals(Optional.empty(), brokerA.itemsAfter("batch-trim", "t5").get(5, TimeUnit.SECONDS));
        assertEquals(List.of("t14", "t15"), brokerA.itemsAfter("batch-trim", "t13").get(5, TimeUnit.SECONDS).orElseThrow()
            .stream().map(i -> i.item().id().orElseThrow()).toList());
    }

    /**
     * Items published while B's subscribe is under way: B's own item, sent right after subscribe()
     * returned, must arrive; of A's burst B gets an unbroken run up to the last one.
     */
    @Test
    void aPublishWhileTheSubscribeIsUnderWayIsNotLost() throws Exception
    {
        for (int round = 0; round < 5; round++)
        {
            String channel = "window" + round;
            Recorder b = new Recorder();
            RedisBroker brokerA = up(broker(new Recorder(), 100, 60));
            RedisBroker brokerB = up(broker(b, 100, 60));
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Void> burst = CompletableFuture.runAsync(() ->
            {
                try
                {
                    go.await();
                    for (int i = 0; i < 30; i++)
                        brokerA.publish(Items.item(channel, "a" + i)).get(5, TimeUnit.SECONDS);
                }
                catch (Exception e)
                {
                    throw new IllegalStateException(e);
                }
            });
            go.countDown();
            brokerB.subscribe(channel);
            long own = brokerB.publish(Items.item(channel, "own")).get(5, TimeUnit.SECONDS).offset();
            burst.get(10, TimeUnit.SECONDS);
            Await.until("B has up to item 31", WAIT, () -> b.offsets(channel).contains(31L));
            List<Long> offsets = b.offsets(channel);
            assertEquals(range(offsets.get(0), 31), offsets, "round " + round);
            assertTrue(offsets.contains(own), "B's own item " + own + " in " + offsets);
            assertEquals(List.of(), b.gaps);
        }
    }

    @Test
    void subscribeAndUnsubscribeFlipFromSeveralThreadsToTheLastCall() throws Exception
    {
        Recorder b = new Recorder();
        RedisBroker brokerA = up(broker(new Recorder(), 10, 60));
        RedisBroker brokerB = up(broker(b, 10, 60));
        List<CompletableFuture<Void>> flips = new ArrayList<>();
        for (int t = 0; t < 4; t++)
            flips.add(CompletableFuture.runAsync(() ->
            {
                for (int i = 0; i < 200; i++)
                {
                    brokerB.subscribe("flip");
                    brokerB.unsubscribe("flip");
                }
            }));
        CompletableFuture.allOf(flips.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        brokerB.subscribe("flip");
        awaitSubscribers("flip", 1);
        long offset = brokerA.publish(Items.item("flip", "f")).get(5, TimeUnit.SECONDS).offset();
        Await.until("B receives after the flips", WAIT, () -> b.offsets("flip").contains(offset));

        brokerB.unsubscribe("flip");
        brokerB.unsubscribe("flip");
        awaitSubscribers("flip", 0);
        brokerA.publish(Items.item("flip", "g")).get(5, TimeUnit.SECONDS);
        Await.forAtLeast(Duration.ofMillis(300));
        assertEquals(List.of(offset), b.offsets("flip"));
    }

    @Test
    void itemsAfterAnIdComeOldestFirst() throws Exception
    {
        RedisBroker broker = up(broker(new Recorder(), 10, 60));
        for (String id : List.of("h1", "h2", "h3"))
            broker.publish(Items.item("history", id)).get(5, TimeUnit.SECONDS);
        broker.publish(new io.holdfast.format.item.PublishItem("history", Optional.empty(), Optional.empty(),
            java.util.Map.of(), false, Optional.empty(), Items.item("x", "no-id").httpStream(), Optional.empty()))
            .get(5, TimeUnit.SECONDS);
        broker.publish(Items.item("history", "h5")).get(5, TimeUnit.SECONDS);

        List<BrokerItem> after = broker.itemsAfter("history", "h2").get(5, TimeUnit.SECONDS).orElseThrow();
        assertEquals(range(3, 5), after.stream().map(BrokerItem::offset).toList());
        assertEquals(Optional.of("h3"), after.get(0).item().id());
        assertEquals(Optional.empty(), after.get(1).item().id());
        assertEquals(Optional.of(List.of()), broker.itemsAfter("history", "h5").get(5, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), broker.itemsAfter("history", "unknown").get(5, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), broker.itemsAfter("never-published", "h1").get(5, TimeUnit.SECONDS));
    }

    @Test
    void historyKeepsTheLastItemsOnly() throws Exception
    {
        RedisBroker broker = up(broker(new Recorder(), 3, 60));
        for (int i = 1; i <= 5; i++)
            broker.publish(Items.item("trimmed", "t" + i)).get(5, TimeUnit.SECONDS);
        assertEquals(Optional.empty(), broker.itemsAfter("trimmed", "t1").get(5, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), broker.itemsAfter("trimmed", "t2").get(5, TimeUnit.SECONDS));
        List<BrokerItem> after = broker.itemsAfter("trimmed", "t3").get(5, TimeUnit.SECONDS).orElseThrow();
        assertEquals(List.of("t4", "t5"), after.stream().map(i -> i.item().id().orElseThrow()).toList());
        assertEquals("3", server.command("XLEN", RedisKeys.stream("trimmed")).substring(1));
    }

    @Test
    void historyExpiresAfterItsTtl() throws Exception
    {
        RedisBroker broker = up(broker(new Recorder(), 10, 1));
        broker.publish(Items.item("brief", "b1")).get(5, TimeUnit.SECONDS);
        assertEquals(Optional.of(List.of()), broker.itemsAfter("brief", "b1").get(5, TimeUnit.SECONDS));
        Await.until("the history expired", WAIT, () -> broker.itemsAfter("brief", "b1").join().isEmpty());
        // the numbering outlives the history
        assertEquals(2, broker.publish(Items.item("brief", "b2")).get(5, TimeUnit.SECONDS).offset());
    }

    @Test
    void withoutHistoryItemsStillCrossInstances() throws Exception
    {
        Recorder b = new Recorder();
        RedisBroker brokerA = publisherTo(b, 0, "nohistory");
        brokerA.publish(Items.item("nohistory", "n1")).get(5, TimeUnit.SECONDS);
        Await.until("B has the item", WAIT, () -> b.items.size() == 1);
        assertEquals(Optional.empty(), brokerA.itemsAfter("nohistory", "n1").get(5, TimeUnit.SECONDS));
        assertEquals("0", server.command("EXISTS", RedisKeys.stream("nohistory")).substring(1));

        // an item B never hears cannot be replaced without history: a gap, then on
        try (RawPublisher raw = new RawPublisher(server.uri()))
        {
            raw.publishUnheard("nohistory", 0);
        }
        brokerA.publish(Items.item("nohistory", "n3")).get(5, TimeUnit.SECONDS);
        Await.until("B has the third item", WAIT, () -> b.offsets("nohistory").contains(3L));
        assertEquals(List.of(1L, 3L), b.offsets("nohistory"));
        assertEquals(List.of("nohistory"), b.gaps);
    }

    @Test
    void anItemMissedLiveIsFilledFromTheStream() throws Exception
    {
        Recorder b = new Recorder();
        RedisBroker brokerA = publisherTo(b, 10, "filled");
        brokerA.publish(Items.item("filled", "f1")).get(5, TimeUnit.SECONDS);
        try (RawPublisher raw = new RawPublisher(server.uri()))
        {
            raw.publishUnheard("filled", 10);
            raw.publishUnheard("filled", 10);
        }
        brokerA.publish(Items.item("filled", "f4")).get(5, TimeUnit.SECONDS);
        Await.until("B has four items", WAIT, () -> b.items.size() >= 4);
        Await.forAtLeast(Duration.ofMillis(200));
        assertEquals(range(1, 4), b.offsets("filled"));
        assertEquals("unheard", Items.content(b.items.get(1).item()));
        assertEquals(List.of(), b.gaps);
    }

    @Test
    void theLastItemMissedLiveIsFoundOnceTheChannelGoesQuiet() throws Exception
    {
        Recorder b = new Recorder();
        RedisBroker brokerA = publisherTo(b, 10, "tail");
        brokerA.publish(Items.item("tail", "t1")).get(5, TimeUnit.SECONDS);
        Await.until("B has the first item", WAIT, () -> b.items.size() == 1);
        // No later item shows the hole: B finds it by the channel's offset, about two seconds on.
        try (RawPublisher raw = new RawPublisher(server.uri()))
        {
            raw.publishUnheard("tail", 10);
        }
        Await.until("B has the item it never heard", WAIT, () -> b.items.size() >= 2);
        assertEquals(range(1, 2), b.offsets("tail"));
        assertEquals("unheard", Items.content(b.items.get(1).item()));
        assertEquals(List.of(), b.gaps);
    }

    @Test
    void aKilledPubSubConnectionLosesNothing() throws Exception
    {
        Recorder b = new Recorder();
        RedisBroker brokerB = up(broker(b, 1000, 60));
        brokerB.subscribe("killed");
        awaitSubscribers("killed", 1);
        try (RawPublisher raw = new RawPublisher(server.uri()))
        {
            for (int i = 1; i <= 300; i++)
            {
                raw.publish("killed", 1000);
                if (i == 100)
                    assertTrue(server.command("CLIENT", "KILL", "TYPE", "pubsub").startsWith(":"));
            }
        }
        Await.until("B has 300 items", WAIT, () -> b.items.size() >= 300);
        Await.until("B is up again", WAIT, () -> brokerB.state() == BrokerState.UP);
        Await.forAtLeast(Duration.ofMillis(200));
        assertEquals(range(1, 300), b.offsets("killed"));
        assertTrue(b.states.contains(BrokerState.DOWN), b.states.toString());
        assertEquals(List.of(), b.gaps);
    }

    @Test
    void aPasswordInTheUriIsUsed() throws Exception
    {
        try (RedisServer secured = RedisServer.start("s3cret"))
        {
            Recorder recorder = new Recorder();
            RedisBroker broker = up(broker(secured.uri(), recorder, 10, 60));
            assertEquals(1, broker.publish(Items.item("secure", "s1")).get(5, TimeUnit.SECONDS).offset());
            assertFalse(broker.describe().contains("s3cret"), broker.describe());

            Recorder refused = new Recorder();
            String wrong = secured.uri().replace("s3cret", "wrong");
            RedisBroker denied = broker(wrong, refused, 10, 60);
            Await.forAtLeast(Duration.ofMillis(1500));
            assertEquals(BrokerState.CONNECTING, denied.state());
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> denied.publish(Items.item("secure", "s2")).get(1, TimeUnit.SECONDS));
            BrokerUnavailableException cause = assertInstanceOf(BrokerUnavailableException.class, failure.getCause());
            assertFalse(cause.mayHaveBeenApplied());
            assertFalse(denied.describe().contains("wrong"), denied.describe());
            denied.close();
            brokers.remove(denied);
            broker.close();
            brokers.remove(broker);
        }
    }

    /** Runs the publish script on a plain connection, as another instance would, or without the live message. */
    static final class RawPublisher implements AutoCloseable
    {
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;

        RawPublisher(String uri)
        {
            client = RedisClient.create(uri);
            connection = client.connect(StringCodec.UTF8);
        }

        /** An item numbered and kept in history, but published where no subscriber listens. */
        long publishUnheard(String channel, int historySize) throws Exception
        {
            return run(channel, "unheard", historySize, "nowhere");
        }

        long publish(String channel, int historySize) throws Exception
        {
            return run(channel, "raw", historySize, RedisKeys.pub(channel));
        }

        private long run(String channel, String id, int historySize, String pubChannel) throws Exception
        {
            List<PublishScript.Entry> entry = List.of(new PublishScript.Entry(id, ItemJson.encode(Items.item(channel, id))));
            return PublishScript.run(connection.async(), channel, entry, historySize, 60, 120, pubChannel, Optional.empty())
                .toCompletableFuture().get(5, TimeUnit.SECONDS).offset();
        }

        @Override
        public void close()
        {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
