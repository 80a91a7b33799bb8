// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.holdfast.testing.Await;
import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;

import static io.holdfast.testing.Publisher.items;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Auto Cross-Origin (GRIP §8.1): the CORS headers Pushpin adds to proxied, preflight, error, held
 * and published responses, only where a backend did not set them, and only on {@code aco} routes
 * or with {@code holdfast.auto.cross.origin}.
 */
class CrossOriginIT
{
    private static FakeOrigin origin;
    private static HoldfastServer holdfast;
    private static Publisher publisher;

    @BeforeAll
    static void start() throws Exception
    {
        origin = new FakeOrigin();
        String o = "127.0.0.1:" + origin.port();
        // No first-subscriber re-check: the timeout tests would wait for a second hold.
        holdfast = HoldfastServer.start(Map.of("holdfast.first.subscriber.recheck", "0", "holdfast.routes", "plain.example " + o + "\n"
            + "dead.example,aco 127.0.0.1:1\n*,aco " + o));
        publisher = new Publisher(holdfast.controlPort());
        origin.on("/api", 200, "{}\n", "Content-Type", "application/json", "Cache-Control", "no-cache", "X-Custom", "1");
        origin.on("/own", 200, "{}\n", "Access-Control-Allow-Origin", "https://mine.example", "X-Custom", "1",
            "Grip-Foo", "x");
        origin.on("/poll", exchange ->
        {
            String channel = exchange.getRequestURI().getQuery().substring("c=".length());
            FakeOrigin.respond(exchange, 202, "waiting\n".getBytes(), "Content-Type", "text/plain", "X-Held", "1",
                "Grip-Hold", "response", "Grip-Timeout", channel.equals("timeout") ? "1" : "60", "Grip-Channel", channel);
        });
        origin.on("/stream", exchange -> FakeOrigin.respond(exchange, 200, "opened\n".getBytes(), "Content-Type",
            "text/plain", "Grip-Hold", "stream", "Grip-Channel", "cors-stream"));
    }

    @AfterAll
    static void stop() throws Exception
    {
        holdfast.close();
        origin.close();
    }

    @Test
    void aPreflightReachesTheOriginAndGetsPushpinsHeaders() throws Exception
    {
        origin.drainRequests();
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.send("OPTIONS", "/api", null, "Origin: http://ex.com", "Access-Control-Request-Method: PUT",
                "Access-Control-Request-Headers: X-A, X-B", "Access-Control-Request-Headers: X-C");
            RawHttp.Head head = client.readHead();
            assertEquals("HTTP/1.1 200 OK", head.statusLine());
            assertEquals(List.of("Access-Control-Allow-Methods: PUT", "Access-Control-Allow-Headers: X-A, X-B, X-C",
                "Access-Control-Expose-Headers: Date, X-custom", "Access-Control-Allow-Credentials: true",
                "Access-Control-Allow-Origin: http://ex.com", "Access-Control-Max-Age: 3600"), accessControl(head));
            assertEquals("{}\n", client.readBody(head));
            assertEquals("OPTIONS", origin.takeRequest().method());
        }
    }

    @Test
    void aPlainRequestGetsTheDefaultsAndTheCorsHeadersComeLast() throws Exception
    {
        RawHttp.Head head = get("/api");
        assertEquals(List.of("Access-Control-Allow-Methods: OPTIONS, HEAD, GET, POST, PUT, DELETE",
            "Access-Control-Expose-Headers: Date, X-custom", "Access-Control-Allow-Credentials: true",
            "Access-Control-Allow-Origin: *", "Access-Control-Max-Age: 3600"), accessControl(head));
        List<String> names = head.headers().stream().map(h -> h[0]).toList();
        assertEquals(List.of("Access-Control-Allow-Methods", "Access-Control-Expose-Headers",
            "Access-Control-Allow-Credentials", "Access-Control-Allow-Origin", "Access-Control-Max-Age", "Content-Length"),
            names.subList(names.size() - 6, names.size()), "added after the origin's headers");
    }

    @Test
    void aBackendsOwnCorsHeaderIsKeptAndGripHeadersAreNeverExposed() throws Exception
    {
        RawHttp.Head head = get("/own");
        assertEquals(List.of("Access-Control-Allow-Origin: https://mine.example",
            "Access-Control-Allow-Methods: OPTIONS, HEAD, GET, POST, PUT, DELETE",
            "Access-Control-Expose-Headers: Date, X-custom", "Access-Control-Allow-Credentials: true",
            "Access-Control-Max-Age: 3600"), accessControl(head));
    }

    @Test
    void aRouteWithoutAcoGetsNoCorsHeaders() throws Exception
    {
        assertEquals(List.of(), accessControl(get("/api", "Host: plain.example", "Origin: http://ex.com")));
    }

    @Test
    void theProxysOwnErrorsCarryThemToo() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/", "Host: dead.example").readHead();
            assertEquals(502, head.status());
            assertEquals(List.of("Access-Control-Allow-Methods: OPTIONS, HEAD, GET, POST, PUT, DELETE",
                "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Origin: *",
                "Access-Control-Max-Age: 3600"), accessControl(head));
            assertEquals("Error while proxying to origin.\n", client.readBody(head));
        }
    }

    @Test
    void aPublishedLongPollAnswerExposesThePublishedHeaders() throws Exception
    {
        try (RawHttp client = held("/poll?c=cors-lp", "cors-lp", "Origin: http://ex.com"))
        {
            publisher.publish(items("{\"channel\":\"cors-lp\",\"formats\":{\"http-response\":{\"code\":201,"
                + "\"headers\":{\"X-Pub\":\"1\",\"Cache-Control\":\"max-age=3\"},\"body\":\"pub\\n\"}}}"));
            RawHttp.Head head = client.readHead();
            assertEquals("HTTP/1.1 201 Created", head.statusLine());
            assertEquals(List.of("Access-Control-Allow-Methods: OPTIONS, HEAD, GET, POST, PUT, DELETE",
                "Access-Control-Expose-Headers: Date, X-held, X-Pub", "Access-Control-Allow-Credentials: true",
                "Access-Control-Allow-Origin: http://ex.com", "Access-Control-Max-Age: 3600"), accessControl(head));
            assertEquals("pub\n", client.readBody(head));
        }
    }

    @Test
    void aTimedOutLongPollGetsThemOnTheHeldResponse() throws Exception
    {
        try (RawHttp client = held("/poll?c=timeout", "timeout"))
        {
            RawHttp.Head head = client.readHead();
            assertEquals("HTTP/1.1 202 Accepted", head.statusLine());
            assertEquals("Access-Control-Expose-Headers: Date, X-held", accessControl(head).get(1));
            assertEquals("waiting\n", client.readBody(head));
        }
    }

    @Test
    void aHeldStreamGetsThemAndAJsonpCallbackDoesNotWrapIt() throws Exception
    {
        try (RawHttp client = held("/stream?callback=cb", "cors-stream"))
        {
            RawHttp.Head head = client.readHead();
            assertEquals("text/plain", head.header("Content-Type"));
            assertEquals(List.of("Access-Control-Allow-Methods: OPTIONS, HEAD, GET, POST, PUT, DELETE",
                "Access-Control-Expose-Headers: Date", "Access-Control-Allow-Credentials: true",
                "Access-Control-Allow-Origin: *", "Access-Control-Max-Age: 3600"), accessControl(head));
            assertEquals("opened\n", client.readChunk());
            publisher.publish(items(Publisher.streamItem("cors-stream", "hello\n")));
            assertEquals("hello\n", client.readChunk());
        }
    }

    @Test
    void theGlobalSettingTurnsItOnForEveryRoute() throws Exception
    {
        try (HoldfastServer global = HoldfastServer.start(Map.of("holdfast.auto.cross.origin", "true",
                 "holdfast.routes", "* 127.0.0.1:" + origin.port()));
             RawHttp client = new RawHttp(global.port()))
        {
            RawHttp.Head head = client.get("/api", "Origin: http://ex.com").readHead();
            assertEquals("Access-Control-Allow-Origin: http://ex.com", accessControl(head).get(3));
            client.readBody(head);
            head = client.get("/api?callback=cb").readHead();
            assertEquals("application/javascript", head.header("Content-Type"));
            assertEquals(List.of(), accessControl(head), "a JSONP answer is script: it carries no CORS headers");
        }
    }

    static List<String> accessControl(RawHttp.Head head)
    {
        return head.headers().stream().filter(h -> h[0].startsWith("Access-Control-")).map(h -> h[0] + ": " + h[1])
            .toList();
    }

    private static RawHttp.Head get(String path, String... headers) throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get(path, headers).readHead();
            client.readBody(head);
            return head;
        }
    }

    private static RawHttp held(String path, String channel, String... headers) throws Exception
    {
        RawHttp client = new RawHttp(holdfast.port(), 10_000);
        client.get(path, headers);
        Await.until("the request is held", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount(channel) == 1);
        return client;
    }
}
