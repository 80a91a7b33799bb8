// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import io.holdfast.format.tnetstring.TnetStringCodec;
import io.holdfast.format.tnetstring.TnetValue;
import io.holdfast.testing.Await;
import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Ports;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.RedisServer;
import io.holdfast.testing.ZmqClient;

import static io.holdfast.format.tnetstring.TnetValue.dict;
import static io.holdfast.format.tnetstring.TnetValue.text;
import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.streamItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances sharing a real redis-server ({@code holdfast.redis.uri}): an item published through
 * any input of one reaches the held streams of both, once and in order; a hold with a prev-id is
 * caught up from the history in Redis; while Redis is down the publish API refuses with 503 and
 * nothing is delivered anywhere, and once it is back everything resumes by itself.
 */
class RedisScaleOutIT
{
    private static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * How long a held client waits for an item: a hop through Redis shares two cores with three
     * instances, Redis and the suite's other classes (a CI run once timed out at 5 s here).
     */
    private static final int READ_MILLIS = 20_000;

    private RedisServer redis;
    private HoldfastServer a;
    private HoldfastServer b;
    private final ZmqClient zmq = new ZmqClient();

    @BeforeEach
    void start() throws Exception
    {
        redis = RedisServer.start();
        a = instance(Map.of());
        b = instance(Map.of());
    }

    @AfterEach
    void stop() throws Exception
    {
        zmq.close();
        for (HoldfastServer server : new HoldfastServer[]{a, b})
        {
            if (server != null)
                server.close();
        }
        redis.close();
    }

    @Test
    void everyInputOfOneInstanceReachesBothOnce() throws Exception
    {
        try (RawHttp onA = stream(a, "x"); RawHttp onB = stream(b, "x"))
        {
            new Publisher(a.controlPort()).publish(items(streamItem("x", "control\n")));
            assertBoth(onA, onB, "control\n");

            ZMQ.Socket push = zmq.push(a.zmqEndpoint("holdfast.zmq.pull"), a.zmq()::received);
            push.send("J" + streamItem("x", "pull\n"));
            assertBoth(onA, onB, "pull\n");

            TnetValue item = dict("channel", text("x"), "formats", dict("http-stream", dict("content", text("command\n"))));
            zmq.request(a.zmqEndpoint("holdfast.zmq.command"), TnetStringCodec.encode(dict("id", text("1"), "method",
                text("publish"), "args", dict("items", new TnetValue.Array(List.of(item))))));
            assertBoth(onA, onB, "command\n");
        }
    }

    @Test
    void aPubPublisherReachingBothSubInputsDeliversOnce() throws Exception
    {
        try (RawHttp onA = stream(a, "x"); RawHttp onB = stream(b, "x"))
        {
            ZMQ.Socket pub = zmq.connected(SocketType.PUB, a.zmqEndpoint("holdfast.zmq.sub"));
            pub.connect(b.zmqEndpoint("holdfast.zmq.sub"));
            // Until both SUB sockets have joined (ZeroMQ's slow joiner), probes on another channel.
            long aBefore = a.zmq().received();
            long bBefore = b.zmq().received();
            Await.until("both SUB inputs hear the publisher", WAIT, () ->
            {
                pub.sendMore("probe");
                pub.send("J" + streamItem("probe", "-"));
                return a.zmq().received() > aBefore && b.zmq().received() > bBefore;
            });
            pub.sendMore("x");
            pub.send("J" + streamItem("x", "once\n"));
            assertBoth(onA, onB, "once\n");
            assertNothingMore(onA);
            assertNothingMore(onB);
        }
    }

    @Test
    void itemsFromEitherInstanceArriveInTheOrderTheyWerePublished() throws Exception
    {
        StringBuilder expected = new StringBuilder();
        try (RawHttp onA = stream(a, "order"); RawHttp onB = stream(b, "order"))
        {
            Publisher[] publishers = {new Publisher(a.controlPort()), new Publisher(b.controlPort())};
            for (int i = 0; i < 100; i++)
            {
                publishers[i % 2].publish(items(streamItem("order", i + "\n")));
                expected.append(i).append('\n');
            }
            assertBoth(onA, onB, expected.toString());
            assertNothingMore(onB);
        }
    }

    @Test
    void aHoldWithAPrevIdIsCaughtUpFromTheHistoryInRedis() throws Exception
    {
        try (FakeOrigin origin = new FakeOrigin())
        {
            origin.on("/s", 200, "open\n", "Grip-Hold", "stream", "Grip-Channel", "c; prev-id=2");
            HoldfastServer routed = instance(Map.of("holdfast.routes", "* 127.0.0.1:" + origin.port()));
            try (routed)
            {
                Publisher publisher = new Publisher(a.controlPort());
                for (int i = 1; i <= 4; i++)
                    publisher.publish(items("{\"channel\":\"c\",\"id\":\"" + i + "\",\"formats\":{\"http-stream\":{\"content\":\""
                        + i + "\\n\"}}}"));
                try (RawHttp client = new RawHttp(routed.port(), READ_MILLIS))
                {
                    assertEquals(200, client.get("/s").readHead().status());
                    assertEquals("open\n3\n4\n", client.readChunkedBytes("open\n3\n4\n".length()));
                    publisher.publish(items(streamItem("c", "live\n")));
                    assertEquals("live\n", client.readChunkedBytes("live\n".length()));
                }
            }
        }
    }

    @Test
    void whileRedisIsDownPublishesAreRefusedAndHoldsStayThenAllResumes() throws Exception
    {
        try (RawHttp onB = stream(b, "x"))
        {
            redis.kill();
            Await.until("a sees Redis down", WAIT, () -> !brokerUp(a));
            Publisher publisher = new Publisher(a.controlPort());
            HttpResponse<String> refused = publisher.post("/publish/", items(streamItem("x", "refused\n")));
            assertEquals(503, refused.statusCode());
            assertEquals("Redis is unreachable: nothing was published. Retry later.\n", refused.body());
            assertEquals(Optional.of("1"), refused.headers().firstValue("Retry-After"));
            assertTrue(publisher.get("/health").body().startsWith("OK\nbroker: redis://127.0.0.1:"), "health names the broker");
            assertTrue(publisher.get("/metrics").body().contains("\nholdfast_broker_up 0\n"));
            // An input that gets no answer counts and logs what it could not hand over.
            zmq.push(a.zmqEndpoint("holdfast.zmq.pull")).send("J" + streamItem("x", "lost\n"));
            Await.until("the PULL item counted as not delivered", WAIT,
                () -> a.metrics().brokerPublishFailures() == 1);

            redis.restart();
            Await.until("both see Redis again", WAIT, () -> brokerUp(a) && brokerUp(b));
            assertTrue(publisher.get("/metrics").body().contains("\nholdfast_broker_up 1\n"));
            Await.until("b subscribed again", WAIT, () -> subscribers("holdfast:{x}:pub") == 1);
            publisher.publish(items(streamItem("x", "after\n")));
            // The refused item never arrives, not even on the instance that refused it.
            assertEquals("after\n", onB.readChunk());
            assertEquals(1, b.hub().subscriberCount("x"), "the held stream stayed");
        }
    }

    @Test
    void aRestartedInstanceTakesPublishesAgain() throws Exception
    {
        b.close();
        b = instance(Map.of());
        try (RawHttp onB = stream(b, "x"))
        {
            new Publisher(a.controlPort()).publish(items(streamItem("x", "to the new b\n")));
            assertEquals("to the new b\n", onB.readChunk());
        }
    }

    private HoldfastServer instance(Map<String, String> extra) throws Exception
    {
        Map<String, String> settings = new HashMap<>(Map.of("holdfast.redis.uri", redis.uri(),
            "holdfast.zmq.pull", Ports.tcpEndpoint(), "holdfast.zmq.sub", Ports.tcpEndpoint(),
            "holdfast.zmq.command", Ports.tcpEndpoint()));
        settings.putAll(extra);
        HoldfastServer server = HoldfastServer.start(settings);
        Await.until("the broker is up", WAIT, () -> brokerUp(server));
        return server;
    }

    private long subscribers(String pubChannel)
    {
        try
        {
            return redis.subscribers(pubChannel);
        }
        catch (IOException e)
        {
            return -1;
        }
    }

    private static boolean brokerUp(HoldfastServer server)
    {
        return server.metrics().brokerState().equals(Optional.of("UP"));
    }

    private static RawHttp stream(HoldfastServer server, String channel) throws IOException
    {
        RawHttp client = new RawHttp(server.port(), READ_MILLIS);
        client.get("/stream?channel=" + channel).readHead();
        assertEquals("[stream opened]\n", client.readChunk());
        return client;
    }

    private static void assertBoth(RawHttp onA, RawHttp onB, String content) throws IOException
    {
        assertEquals(content, onA.readChunkedBytes(content.length()));
        assertEquals(content, onB.readChunkedBytes(content.length()));
    }

    private static void assertNothingMore(RawHttp stream) throws IOException
    {
        stream.setReadTimeout(300);
        assertThrows(SocketTimeoutException.class, stream::readChunk, "no second copy");
    }
}
