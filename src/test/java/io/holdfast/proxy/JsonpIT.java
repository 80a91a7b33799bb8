// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.holdfast.testing.Await;
import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;

import static io.holdfast.testing.Publisher.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSONP (GRIP §8.2): which requests are calls, what the origin is asked instead, and the script a
 * client gets back for proxied, error, streamed, held and published responses, in both modes.
 */
class JsonpIT
{
    private static FakeOrigin origin;
    private static HoldfastServer holdfast;
    private static Publisher publisher;

    @BeforeAll
    static void start() throws Exception
    {
        origin = new FakeOrigin();
        String o = " 127.0.0.1:" + origin.port();
        // No first-subscriber re-check: the timeout tests would wait for a second hold.
        holdfast = HoldfastServer.start(Map.of("holdfast.first.subscriber.recheck", "0", "holdfast.routes", "*,path_beg=/basic/,path_rem=6,aco,jsonp_mode=basic" + o
            + "\n*,aco" + o
            + "\nbasic.example,aco,jsonp_mode=basic" + o
            + "\nbody.example,aco,jsonp_body=b,jsonp_defcb=dcb" + o
            + "\ncb.example,aco,jsonp_cb=cb,jsonp_defmethod=PUT" + o
            + "\ndead.example,aco 127.0.0.1:1"));
        publisher = new Publisher(holdfast.controlPort());
        origin.on("/api", 200, "{\"a\": \"\u00e9\"}\r\n", "Content-Type", "application/json", "Cache-Control", "no-cache");
        origin.on("/chunked", exchange ->
        {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody())
            {
                byte[] body = "tw\u00e9o \"q\"\n".getBytes(StandardCharsets.UTF_8);
                // The two bytes of é arrive in different chunks.
                out.write(body, 0, 3);
                out.flush();
                out.write(body, 3, body.length - 3);
            }
        });
        origin.on("/poll", exchange ->
        {
            String channel = exchange.getRequestURI().getQuery();
            FakeOrigin.respond(exchange, 200, "{\"waiting\":true}\n".getBytes(), "Content-Type", "application/json",
                "Grip-Hold", "response", "Grip-Timeout", channel.startsWith("timeout") ? "1" : "60", "Grip-Channel",
                channel);
        });
    }

    @AfterAll
    static void stop() throws Exception
    {
        holdfast.close();
        origin.close();
    }

    @BeforeEach
    void forgetRequests()
    {
        origin.drainRequests();
    }

    @Test
    void anExtendedCallWrapsTheWholeResponseAndAsksTheOriginPlainly() throws Exception
    {
        Answer answer = fetch("/api?callback=cb");
        // Origin header names as the origin spelled them (the JDK's server writes Cache-control), as Pushpin relays them.
        assertEquals(List.of("Content-Type: application/javascript", "Cache-control: no-cache", "Content-Length: "
            + answer.body.getBytes(StandardCharsets.UTF_8).length), answer.headers);
        String date = dateIn(answer.body);
        assertEquals("/**/cb({\"code\": 200, \"reason\": \"OK\", \"headers\": {\"Cache-control\":\"no-cache\","
            + "\"Content-Length\":\"13\",\"Content-type\":\"application/json\",\"Date\":\"" + date + "\"}, "
            + "\"body\": \"{\\\"a\\\": \\\"\u00e9\\\"}\\r\\n\"});\n", answer.body);
        FakeOrigin.RecordedRequest toOrigin = origin.takeRequest();
        assertEquals("GET /api", toOrigin.method() + " " + toOrigin.uri());
        assertEquals("*/*", toOrigin.header("Accept"));
    }

    @Test
    void aBasicCallWrapsTheBodyAloneAndDefaultsToPost() throws Exception
    {
        Answer answer = fetch("/api?callback=cb", "Host: basic.example");
        assertEquals("/**/cb({\"a\": \"\u00e9\"});\n", answer.body);
        assertEquals("POST", origin.takeRequest().method());
    }

    @Test
    void methodHeadersAndBodyComeFromTheQueryWhichKeepsTheRest() throws Exception
    {
        fetch("/api?a=1&callback=cb&_method=PUT&_headers=%7B%22X-Q%22%3A%22v%22%2C%22Accept%22%3A%22x%22%2C%22Host%22"
            + "%3A%22evil%22%7D&_body=hi%20there&z=%2B");
        FakeOrigin.RecordedRequest toOrigin = origin.takeRequest();
        assertEquals("PUT /api?a=1&z=%2B", toOrigin.method() + " " + toOrigin.uri());
        assertEquals("v", toOrigin.header("X-Q"));
        assertEquals("*/*", toOrigin.header("Accept"));
        assertEquals("example.com", toOrigin.header("Host"));
        assertEquals("hi there", toOrigin.bodyText());
        assertNull(toOrigin.header("Content-Type"), "the body goes without a type, as Pushpin sends it");
    }

    @Test
    void theBodyParamActivatesTheDefaultCallbackAndSendsJson() throws Exception
    {
        Answer answer = fetch("/api?b=%7B%22k%22%3A1%7D&_body=kept", "Host: body.example");
        assertTrue(answer.body.startsWith("/**/dcb({\"code\": 200, "), answer.body);
        FakeOrigin.RecordedRequest toOrigin = origin.takeRequest();
        assertEquals("GET /api?_body=kept", toOrigin.method() + " " + toOrigin.uri());
        assertEquals("{\"k\":1}", toOrigin.bodyText());
        assertEquals("application/json", toOrigin.header("Content-Type"));
    }

    @Test
    void aRouteCanRenameTheCallbackParamAndSetTheMethod() throws Exception
    {
        String body = fetch("/api?cb=f&callback=g", "Host: cb.example").body;
        assertTrue(body.startsWith("/**/f({\"code\": 200, "), body);
        FakeOrigin.RecordedRequest toOrigin = origin.takeRequest();
        assertEquals("PUT /api?callback=g", toOrigin.method() + " " + toOrigin.uri());
    }

    @Test
    void onlyGetsAreCalls() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.send("POST", "/api?callback=cb", new byte[0]).readHead();
            assertEquals("application/json", head.header("Content-Type"));
            assertEquals("{\"a\": \"\u00e9\"}\r\n", client.readBody(head));
        }
        assertEquals("/api?callback=cb", origin.takeRequest().uri());
    }

    @Test
    void unusableParametersGetPushpinsErrors() throws Exception
    {
        assertRejected("/api?callback=", "Invalid callback parameter.");
        assertRejected("/api?callback=alert(1)//", "Invalid callback parameter.");
        assertRejected("/api?callback=cb&_method=B%20D", "Invalid _method parameter.");
        assertRejected("/api?callback=cb&_headers=%5B%5D", "Invalid _headers parameter.");
        assertRejected("/api?callback=cb&_headers=%7B%22X%22%3A1%7D", "Invalid _headers parameter.");
        assertRejected("/api?callback=cb&_body=", "Invalid _body parameter.");
        assertNull(origin.pollRequest(0), "nothing reached the origin");
    }

    @Test
    void theProxysOwnErrorsAreWrappedToo() throws Exception
    {
        assertEquals("/**/cb({\"code\": 502, \"reason\": \"Bad Gateway\", \"headers\": {\"Content-Length\":\"32\","
            + "\"Content-Type\":\"text/plain\"}, \"body\": \"Error while proxying to origin.\\n\"});\n",
            fetch("/?callback=cb", "Host: dead.example").body);
    }

    @Test
    void aResponseOfUnknownLengthIsWrappedAsItStreams() throws Exception
    {
        Answer answer = fetch("/chunked?callback=cb");
        assertEquals(List.of("Content-Type: application/javascript", "Transfer-Encoding: chunked"), answer.headers);
        assertEquals("/**/cb({\"code\": 200, \"reason\": \"OK\", \"headers\": {\"Content-type\":\"text/plain\",\"Date\":\""
            + dateIn(answer.body) + "\"}, \"body\": \"tw\u00e9o \\\"q\\\"\\n\"});\n", answer.body);
        // Basic mode relays the body's bytes as they come, so read them whole before decoding.
        HttpResponse<String> basic = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + holdfast.port() + "/basic/chunked?callback=cb")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("/**/cb(tw\u00e9o \"q\");\n", basic.body());
    }

    @Test
    void aPublishedLongPollAnswerIsWrappedAsPushpinsSessionWrapsIt() throws Exception
    {
        try (RawHttp extended = held("/poll?jp1&callback=cb", "jp1");
             RawHttp basic = held("/poll?jp1&callback=cb", "jp1", 2, "Host: basic.example"))
        {
            publisher.publish(items("{\"channel\":\"jp1\",\"formats\":{\"http-response\":{\"code\":201,\"reason\":\"Yes\","
                + "\"headers\":{\"X-Pub\":\"1\",\"Cache-Control\":\"max-age=3\"},\"body\":\"[\\\"pub\\\"]\\n\"}}}"));
            Answer wrapped = Answer.read(extended);
            assertEquals("HTTP/1.1 200 OK", wrapped.statusLine);
            String date = dateIn(wrapped.body);
            assertEquals(List.of("Date: " + date, "Cache-Control: max-age=3", "X-Pub: 1",
                "Content-Type: application/javascript", "Content-Length: " + wrapped.body.length()), wrapped.headers);
            assertEquals("/**/cb({\"body\":\"[\\\"pub\\\"]\\n\",\"code\":201,\"headers\":{\"Cache-Control\":\"max-age=3\","
                + "\"Content-type\":\"application/json\",\"Date\":\"" + date + "\",\"X-Pub\":\"1\"},\"reason\":\"Yes\"});\n",
                wrapped.body);
            assertEquals("/**/cb([\"pub\"]);\n", Answer.read(basic).body);
        }
    }

    @Test
    void aTimedOutLongPollIsWrappedToo() throws Exception
    {
        try (RawHttp client = held("/poll?timeout-jp&callback=cb", "timeout-jp"))
        {
            Answer wrapped = Answer.read(client);
            assertEquals("/**/cb({\"body\":\"{\\\"waiting\\\":true}\\n\",\"code\":200,\"headers\":{\"Content-type\":"
                + "\"application/json\",\"Date\":\"" + dateIn(wrapped.body) + "\"},\"reason\":\"OK\"});\n", wrapped.body);
        }
    }

    @Test
    void aLongPollRetryAsksTheOriginTheSameWayAndItsAnswerIsWrapped() throws Exception
    {
        AtomicInteger asked = new AtomicInteger();
        origin.on("/retry", exchange ->
        {
            if (asked.getAndIncrement() == 0)
                FakeOrigin.respond(exchange, 200, new byte[0], "Grip-Hold", "response", "Grip-Channel", "jp-retry");
            else
                FakeOrigin.respond(exchange, 200, "fresh\n".getBytes(), "Content-Type", "text/plain");
        });
        try (RawHttp client = held("/retry?x=1&callback=cb&_method=PATCH", "jp-retry"))
        {
            assertEquals("PATCH /retry?x=1", describe(origin.takeRequest()));
            publisher.publish(items("{\"channel\":\"jp-retry\",\"formats\":{\"http-response\":{\"action\":\"hint\"}}}"));
            Answer wrapped = Answer.read(client);
            assertEquals("PATCH /retry?x=1", describe(origin.takeRequest()));
            assertEquals("\"body\": \"fresh\\n\"});\n", wrapped.body.substring(wrapped.body.indexOf("\"body\"")));
        }
    }

    private static String describe(FakeOrigin.RecordedRequest request)
    {
        return request.method() + " " + request.uri();
    }

    private static void assertRejected(String path, String message) throws Exception
    {
        Answer answer = fetch(path);
        assertEquals("HTTP/1.1 400 Bad Request", answer.statusLine);
        assertEquals(List.of("Content-Type: text/plain", "Access-Control-Allow-Methods: OPTIONS, HEAD, GET, POST, PUT, DELETE",
            "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Origin: *", "Access-Control-Max-Age: 3600",
            "Content-Length: " + (message.length() + 1)), answer.headers);
        assertEquals(message + "\n", answer.body);
    }

    private static String dateIn(String body)
    {
        Matcher date = Pattern.compile("\"Date\":\"([^\"]*)\"").matcher(body);
        if (!date.find())
            throw new AssertionError("no Date in " + body);
        return date.group(1);
    }

    private static Answer fetch(String path, String... headers) throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.get(path, headers);
            return Answer.read(client);
        }
    }

    private static RawHttp held(String path, String channel, String... headers) throws Exception
    {
        return held(path, channel, 1, headers);
    }

    private static RawHttp held(String path, String channel, int count, String... headers) throws Exception
    {
        RawHttp client = new RawHttp(holdfast.port(), 10_000);
        client.get(path, headers);
        Await.until("held", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount(channel) == count);
        return client;
    }

    /** A whole response: status line, headers as {@code Name: value}, body. */
    private record Answer(String statusLine, List<String> headers, String body)
    {
        static Answer read(RawHttp client) throws Exception
        {
            RawHttp.Head head = client.readHead();
            return new Answer(head.statusLine(), head.headers().stream().map(h -> h[0] + ": " + h[1]).toList(),
                client.readBody(head));
        }
    }
}
