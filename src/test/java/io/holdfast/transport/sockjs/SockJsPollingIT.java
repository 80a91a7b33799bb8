// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.holdfast.testing.Await;
import io.holdfast.testing.FakeWsOrigin;
import io.holdfast.testing.HttpReply;
import io.holdfast.testing.WsFrames;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.wsItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SockJS sessions on the polling transports (xhr, jsonp) through Holdfast to a WebSocket origin. */
class SockJsPollingIT extends SockJsRig
{
    private static final String SUBSCRIBE = "c:{\"type\":\"subscribe\",\"channel\":\"sjs\"}";

    @Test
    void anXhrSessionIsAWebSocketToTheOrigin() throws Exception
    {
        HttpReply open = post("/sockjs/000/s1/xhr?x=1", "", "Origin: http://a.test", "X-Client: 1");
        assertEquals("o\n", open.body());
        assertEquals("text/plain", open.header("Content-Type"));
        assertEquals("no-store, no-cache, must-revalidate, max-age=0", open.header("Cache-Control"));
        assertEquals("http://a.test", open.header("Access-Control-Allow-Origin"));
        assertEquals("true", open.header("Access-Control-Allow-Credentials"));

        FakeWsOrigin.Connection upstream = origin.take();
        assertEquals("GET /sockjs?x=1 HTTP/1.1", upstream.header(":request"), "the prefix and the client's query");
        assertEquals("1", upstream.header("X-Client"));
        assertEquals("grip", upstream.header("Sec-WebSocket-Extensions"));
        assertTrue(upstream.header("Grip-Sig").startsWith("eyJ"));
        upstream.sendText(SUBSCRIBE);
        upstream.sendText("m:welcome");
        upstream.sendText("m:two \"q\" \u2028");
        Await.until("subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("sjs") == 1);
        assertEquals("a[\"welcome\",\"two \\\"q\\\" \\u2028\"]\n", post("/sockjs/000/s1/xhr", "").body());

        HttpReply sent = post("/sockjs/000/s1/xhr_send", "[\"hello\",\"again\"]", "Content-Type: text/plain");
        assertEquals(200, sent.status());
        assertEquals("ok", sent.body());
        assertEquals("hello", upstream.nextText());
        assertEquals("again", upstream.nextText());

        CompletableFuture<HttpReply> poll = pollLater("/sockjs/000/s1/xhr");
        Await.forAtLeast(Duration.ofMillis(200));
        publisher.publish(items(wsItem("sjs", "{\"content\":\"published\"}")));
        assertEquals("a[\"published\"]\n", poll.get(5, TimeUnit.SECONDS).body());

        publisher.publish(items(wsItem("sjs", "{\"action\":\"close\",\"code\":4001,\"reason\":\"bye\"}")));
        assertEquals("c[4001,\"bye\"]\n", post("/sockjs/000/s1/xhr", "").body());
        assertEquals("c[4001,\"bye\"]\n", post("/sockjs/000/s1/xhr", "").body(), "a closed session keeps answering so");
        assertEquals("c[4001,\"bye\"]\n", post("/sockjs/000/s1/xhr_send", "[\"late\"]").body());
        assertEquals(WsFrames.CLOSE, upstream.next().opcode(), "the origin hears the close");
    }

    @Test
    void jsonpPollsWrapEveryFrameInTheCallback() throws Exception
    {
        HttpReply open = HttpReply.call(holdfast.port(), "GET", "/sockjs/000/j1/jsonp?c=_jp.a1", null);
        assertEquals("/**/_jp.a1(\"o\");\n", open.body());
        assertEquals("application/javascript", open.header("Content-Type"));
        FakeWsOrigin.Connection upstream = origin.take();
        upstream.sendText("m:welcome");
        assertEquals("/**/cb(\"a[\\\"welcome\\\"]\");\n",
            HttpReply.call(holdfast.port(), "GET", "/sockjs/000/j1/jsonp?callback=cb", null).body());

        HttpReply sent = post("/sockjs/000/j1/jsonp_send", "d=%5B%22hi%20there%22%5D", "Content-Type: application/x-www-form-urlencoded");
        assertEquals("ok", sent.body());
        assertEquals("hi there", upstream.nextText());

        assertEquals(400, HttpReply.call(holdfast.port(), "GET", "/sockjs/000/j2/jsonp", null).status(), "no callback");
        HttpReply injected = HttpReply.call(holdfast.port(), "GET", "/sockjs/000/j3/jsonp?c=alert(1)//", null);
        assertEquals(400, injected.status(), "a callback must name a function");
        assertEquals("Bad Request\n", injected.body());
    }

    @Test
    void aWaitingPollGetsAHeartbeatAndASessionWithoutPollsTimesOut() throws Exception
    {
        assertEquals("o\n", post("/sockjs/000/h1/xhr", "").body());
        FakeWsOrigin.Connection upstream = origin.take();
        assertEquals("h\n", post("/sockjs/000/h1/xhr", "").body(), "after holdfast.sockjs.heartbeat");

        // No poll for 5 s: the client is gone, and so is the origin side.
        WsFrames.Frame close = upstream.next(Duration.ofSeconds(8));
        assertEquals(WsFrames.CLOSE, close.opcode());
        assertEquals(1001, close.closeCode());
        assertEquals("o\n", post("/sockjs/000/h1/xhr", "").body(), "the id starts a new session");
        origin.take();
    }

    @Test
    void errorsAsPushpinAnswersThem() throws Exception
    {
        assertEquals("o\n", post("/sockjs/000/e1/xhr", "").body());
        origin.take();
        HttpReply tooLarge = post("/sockjs/000/e1/xhr_send", "[\"" + "x".repeat(100_000) + "\"]");
        assertEquals(400, tooLarge.status());
        assertEquals("Request too large.\n", tooLarge.body());
        for (String bad : new String[]{"[\"a\"", "\"a\"", "[1]", ""})
        {
            HttpReply reply = post("/sockjs/000/e1/xhr_send", bad);
            assertEquals(400, reply.status(), bad);
            assertEquals("Payload expected\n", reply.body());
        }
        HttpReply unknown = post("/sockjs/000/nosuch/xhr_send", "[\"x\"]");
        assertEquals(404, unknown.status());
        assertEquals("Not Found\n", unknown.body());
        assertEquals(404, HttpReply.call(holdfast.port(), "GET", "/sockjs/000/new/xhr", null).status(), "xhr opens with POST");
        assertEquals(404, HttpReply.call(holdfast.port(), "GET", "/sockjs/", null).status());

        CompletableFuture<HttpReply> first = pollLater("/sockjs/000/e1/xhr");
        Await.forAtLeast(Duration.ofMillis(200));
        assertEquals("c[2010,\"Another connection still open\"]\n", post("/sockjs/000/e1/xhr", "").body());
        assertEquals("h\n", first.get(5, TimeUnit.SECONDS).body(), "the first poll still waits");
    }

    @Test
    void anOriginThatRefusesRefusesTheSession() throws Exception
    {
        origin.refuseWith("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        HttpReply refused = post("/sockjs/000/r1/xhr", "");
        assertEquals(403, refused.status());
        assertEquals("*", refused.header("Access-Control-Allow-Origin"));
        assertEquals(404, post("/sockjs/000/r1/xhr_send", "[\"x\"]").status(), "no session was kept");
    }

    private HttpReply post(String path, String body, String... headers) throws Exception
    {
        return HttpReply.call(holdfast.port(), "POST", path, body, headers);
    }

    private CompletableFuture<HttpReply> pollLater(String path)
    {
        return CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return post(path, "");
            }
            catch (Exception e)
            {
                throw new IllegalStateException(e);
            }
        });
    }
}
