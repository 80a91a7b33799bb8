// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.holdfast.broker.BrokerItem;
import io.holdfast.broker.BrokerState;
import io.holdfast.broker.BrokerUnavailableException;
import io.holdfast.testing.Await;
import io.holdfast.testing.RedisServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link RedisBroker} when Redis dies and comes back empty, on a server of its own. */
class RedisBrokerFaultsIT
{
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void redisKilledAndRestartedEmpty() throws Exception
    {
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        try (RedisServer server = RedisServer.start();
            RedisBroker brokerA = new RedisBroker(server.uri(), 100, 60, timer);
            RedisBroker brokerB = new RedisBroker(server.uri(), 100, 60, timer))
        {
            brokerA.start(a);
            brokerB.start(b);
            Await.until("both up", WAIT, () -> brokerA.state() == BrokerState.UP && brokerB.state() == BrokerState.UP);
            brokerB.subscribe("survivor");
            Await.until("B subscribed", WAIT, () -> subscribers(server, "survivor") == 1);
            BrokerItem before = brokerA.publish(Items.item("survivor", "s1")).get(5, TimeUnit.SECONDS);
            Await.until("B has the first item", WAIT, () -> b.items.size() == 1);

            server.kill();
            Await.until("A is down", WAIT, () -> brokerA.state() == BrokerState.DOWN);
            Await.until("B is down", WAIT, () -> brokerB.state() == BrokerState.DOWN);
            long started = System.nanoTime();
            CompletableFuture<BrokerItem> refused = brokerA.publish(Items.item("survivor", "lost"));
            ExecutionException failure = assertThrows(ExecutionException.class, () -> refused.get(1, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(500), "refused at once");
            assertFalse(assertInstanceOf(BrokerUnavailableException.class, failure.getCause()).mayHaveBeenApplied());
            assertTrue(brokerA.describe().contains("DOWN"), brokerA.describe());

            server.restart();
            Await.until("both up again", WAIT, () -> brokerA.state() == BrokerState.UP && brokerB.state() == BrokerState.UP);
            Await.until("B subscribed again", WAIT, () -> subscribers(server, "survivor") == 1);
            BrokerItem after = brokerA.publish(Items.item("survivor", "s2")).get(5, TimeUnit.SECONDS);
            assertEquals(1, after.offset());
            assertNotEquals(before.epoch(), after.epoch());
            Await.until("B has the item published after the restart", WAIT, () -> b.items.size() == 2);
            assertEquals(after.epoch(), b.items.get(1).epoch());
            assertEquals(List.of("s1", "s2"), b.items.stream().map(i -> Items.content(i.item())).toList());
            assertEquals(List.of("survivor"), b.gaps);
            assertEquals(List.of(BrokerState.UP, BrokerState.DOWN, BrokerState.UP), b.states);
            assertTrue(b.items.stream().noneMatch(i -> Items.content(i.item()).equals("lost")));
        }
        finally
        {
            timer.shutdownNow();
        }
    }

    @Test
    void redisDownAtStartIsWaitedFor() throws Exception
    {
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
        Recorder recorder = new Recorder();
        try (RedisServer server = RedisServer.start())
        {
            server.stop();
            try (RedisBroker broker = new RedisBroker(server.uri(), 10, 60, timer))
            {
                broker.start(recorder);
                broker.subscribe("early");
                Await.forAtLeast(Duration.ofMillis(500));
                assertEquals(BrokerState.CONNECTING, broker.state());
                server.restart();
                Await.until("up once Redis is", WAIT, () -> broker.state() == BrokerState.UP);
                Await.until("subscribed once up", WAIT, () -> subscribers(server, "early") == 1);
                broker.publish(Items.item("early", "e1")).get(5, TimeUnit.SECONDS);
                Await.until("its own item arrives", WAIT, () -> recorder.items.size() == 1);
                assertEquals(List.of(BrokerState.UP), recorder.states);
            }
        }
        finally
        {
            timer.shutdownNow();
        }
    }

    private static long subscribers(RedisServer server, String channel)
    {
        try
        {
            return server.subscribers(RedisKeys.pub(channel));
        }
        catch (java.io.IOException e)
        {
            return -1;
        }
    }
}
