// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.holdfast.testing.Await;
import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.ManualClock;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;

import static io.holdfast.testing.Publisher.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Held long-polls ({@code Grip-Hold: response}): publishes, header merge, timeouts, ids. */
class LongPollIT
{
    private FakeOrigin origin;
    private HoldfastServer holdfast;
    private Publisher publisher;

    @BeforeEach
    void start() throws Exception
    {
        origin = new FakeOrigin();
        holdfast = HoldfastServer.start(Map.of("holdfast.routes",
            "* 127.0.0.1:" + origin.port() + "\ndebug.example,debug 127.0.0.1:" + origin.port()));
        publisher = new Publisher(holdfast.controlPort());
        origin.on("/poll", 202, "nothing yet\n", "Content-Type", "application/json", "Cache-Control", "no-cache",
            "X-Foo", "bar", "Grip-Hold", "response", "Grip-Channel", "lp");
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
        origin.close();
    }

    @Test
    void publishedResponseIsMergedOntoTheHeldOne() throws Exception
    {
        try (RawHttp client = held("/poll", "lp"))
        {
            publisher.publish(items("{\"channel\":\"lp\",\"formats\":{\"http-response\":{\"code\":201,"
                + "\"headers\":{\"X-New\":\"1\",\"X-Foo\":\"baz\",\"Grip-Foo\":\"x\"},\"body\":\"pushed\\n\"}}}"));
            RawHttp.Head head = client.readHead();
            assertEquals("HTTP/1.1 201 Created", head.statusLine());
            assertEquals("application/json", head.header("Content-Type"));
            assertEquals("no-cache", head.header("Cache-Control"));
            assertEquals("baz", head.header("X-Foo"));
            assertEquals("1", head.header("X-New"));
            assertNull(head.header("Grip-Foo"));
            assertEquals("7", head.header("Content-Length"));
            assertEquals("pushed\n", client.readBody(head));
        }
        Await.until("the long-poll is unsubscribed", Duration.ofSeconds(2), () -> holdfast.hub().subscriberCount("lp") == 0);
    }

    @Test
    void publishWithoutCodeIs200AndBodyBinIsDecoded() throws Exception
    {
        try (RawHttp client = held("/poll", "lp"))
        {
            publisher.publish(items("{\"channel\":\"lp\",\"formats\":{\"http-response\":{\"body-bin\":\""
                + Base64.getEncoder().encodeToString("bin\n".getBytes(StandardCharsets.UTF_8)) + "\"}}}"));
            RawHttp.Head head = client.readHead();
            assertEquals("HTTP/1.1 200 OK", head.statusLine());
            assertEquals("bin\n", client.readBody(head));
        }
    }

    @Test
    void bodyPatchChangesTheHeldJsonBody() throws Exception
    {
        origin.on("/json", 200, "{\"waiting\":true,\"n\":1}", "Content-Type", "application/json", "Grip-Hold", "response",
            "Grip-Channel", "jp");
        try (RawHttp client = held("/json", "jp"))
        {
            publisher.publish(items("{\"channel\":\"jp\",\"formats\":{\"http-response\":{\"body-patch\":["
                + "{\"op\":\"replace\",\"path\":\"/waiting\",\"value\":false},{\"op\":\"add\",\"path\":\"/m\",\"value\":2}]}}}"));
            RawHttp.Head head = client.readHead();
            assertEquals("application/json", head.header("Content-Type"));
            assertEquals("{\"waiting\":false,\"n\":1,\"m\":2}", client.readBody(head));
        }
    }

    @Test
    void timeoutSendsTheJsonInstructResponse() throws Exception
    {
        origin.on("/instruct", 200, "{\"hold\":{\"mode\":\"response\",\"channels\":[{\"name\":\"ij\"}],\"timeout\":5},"
            + "\"response\":{\"code\":418,\"headers\":{\"X-A\":\"b\"},\"body\":\"tmo\\n\"}}", "Content-Type", "application/grip-instruct");
        ManualClock clock = restartOnManualClock("0");
        try (RawHttp client = held("/instruct", "ij"))
        {
            Await.until("the timeout is scheduled", Duration.ofSeconds(5), () -> clock.pendingCount() == 1);
            assertEquals(Optional.of(Duration.ofSeconds(5)), clock.nextDue());
            clock.advance(Duration.ofMillis(4999));
            assertEquals(1, holdfast.hub().subscriberCount("ij"), "still held just before its timeout");
            clock.advance(Duration.ofMillis(1));
            RawHttp.Head head = client.readHead();
            assertEquals("HTTP/1.1 418 Undefined Reason", head.statusLine());
            assertEquals("b", head.header("X-A"));
            assertEquals("4", head.header("Content-Length"));
            assertEquals("tmo\n", client.readBody(head));
        }
    }

    @Test
    void aFreshChannelsLongPollAsksItsOriginAgainAfterASecond() throws Exception
    {
        origin.on("/fresh", exchange -> FakeOrigin.respond(exchange, 200, new byte[0], "Grip-Hold", "response",
            "Grip-Channel", "fresh"));
        ManualClock clock = restartOnManualClock("1000");
        try (RawHttp client = held("/fresh", "fresh"))
        {
            origin.takeRequest();
            Await.until("the re-check and the timeout are scheduled", Duration.ofSeconds(5), () -> clock.dueIn().size() == 2);
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(55)), clock.dueIn(), "the re-check, then the timeout");
            clock.advance(Duration.ofSeconds(1));
            origin.takeRequest();
            // The re-check's answer takes the hold's place on the channel, which never empties in
            // between (so no new re-check is scheduled): only a fresh timeout of 55 s, Pushpin's default.
            Await.until("the re-check's hold is in place", Duration.ofSeconds(5),
                () -> clock.dueIn().equals(List.of(Duration.ofSeconds(55))));
            assertEquals(1, holdfast.hub().subscriberCount("fresh"), "the re-check's hold, in the old one's place");
            clock.advance(Duration.ofSeconds(2));
            publisher.publish(items("{\"channel\":\"fresh\",\"formats\":{\"http-response\":{\"body\":\"done\\n\"}}}"));
            RawHttp.Head head = client.readHead();
            assertEquals("done\n", client.readBody(head));
            assertNull(origin.pollRequest(0), "the re-check's own hold does not re-check again");
        }
    }

    @Test
    void aRepublishedIdIsNotDeliveredTwice() throws Exception
    {
        String first = "{\"channel\":\"lp\",\"id\":\"1\",\"formats\":{\"http-response\":{\"body\":\"one\\n\"}}}";
        try (RawHttp client = held("/poll", "lp"))
        {
            publisher.publish(items(first));
            assertEquals("one\n", client.readBody(client.readHead()));
        }
        try (RawHttp client = held("/poll", "lp"))
        {
            publisher.publish(items(first));
            publisher.publish(items("{\"channel\":\"lp\",\"id\":\"2\",\"formats\":{\"http-response\":{\"body\":\"two\\n\"}}}"));
            assertEquals("two\n", client.readBody(client.readHead()));
        }
    }

    @Test
    void aPrevIdGapMakesTheLongPollAskTheOriginAgain() throws Exception
    {
        origin.on("/seq", exchange ->
        {
            if (exchange.getRequestHeaders().getFirst("Grip-Last") == null)
                FakeOrigin.respond(exchange, 200, "held\n".getBytes(), "Grip-Hold", "response", "Grip-Channel", "sq; prev-id=1");
            else
                FakeOrigin.respond(exchange, 200, "caught up\n".getBytes(), "Content-Type", "text/plain");
        });
        try (RawHttp client = held("/seq", "sq"))
        {
            origin.takeRequest();
            publisher.publish(items("{\"channel\":\"sq\",\"id\":\"3\",\"prev-id\":\"2\",\"formats\":{\"http-response\":{\"body\":\"three\\n\"}}}"));
            RawHttp.Head head = client.readHead();
            assertEquals("caught up\n", client.readBody(head));
        }
        assertEquals("sq; last-id=1", origin.takeRequest().header("Grip-Last"));
    }

    @Test
    void gripWithoutHoldIsAnOrdinaryResponseWithGripStripped() throws Exception
    {
        origin.on("/plain", 200, "plain", "Grip-Channel", "x", "Content-Type", "text/plain");
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/plain").readHead();
            assertEquals(200, head.status());
            assertEquals("5", head.header("Content-Length"));
            assertTrue(head.headers().stream().noneMatch(h -> h[0].toLowerCase().startsWith("grip-")));
            assertEquals("plain", client.readBody(head));
        }
    }

    @Test
    void invalidInstructionsAre502WithTheReasonOnDebugRoutes() throws Exception
    {
        origin.on("/bad", 200, "", "Grip-Hold", "forever", "Grip-Channel", "x");
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/bad").readHead();
            assertEquals("HTTP/1.1 502 Bad Gateway", head.statusLine());
            assertEquals("Error while proxying to origin.\n", client.readBody(head));

            head = client.get("/bad", "Host: debug.example").readHead();
            assertEquals(502, head.status());
            assertTrue(client.readBody(head).startsWith("Failed to parse accept instructions: "));
        }
    }

    /** Holdfast again, on a clock that the test moves, with the first-subscriber re-check after {@code recheckMillis}. */
    private ManualClock restartOnManualClock(String recheckMillis) throws Exception
    {
        holdfast.close();
        ManualClock clock = new ManualClock();
        holdfast = HoldfastServer.start(Map.of("holdfast.routes", "* 127.0.0.1:" + origin.port(),
            "holdfast.first.subscriber.recheck", recheckMillis), clock);
        publisher = new Publisher(holdfast.controlPort());
        return clock;
    }

    /** Opens a long-poll on {@code path} and waits until it is subscribed to {@code channel}. */
    private RawHttp held(String path, String channel) throws Exception
    {
        RawHttp client = new RawHttp(holdfast.port(), 10_000);
        client.get(path);
        Await.until("the long-poll is held", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount(channel) == 1);
        return client;
    }
}
