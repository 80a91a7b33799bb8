// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.holdfast.format.wsevents.WsEvent;
import io.holdfast.testing.Await;
import io.holdfast.testing.FakeWohOrigin;
import io.holdfast.testing.FakeWsOrigin;
import io.holdfast.testing.HttpReply;
import io.holdfast.testing.WsFrames;
import io.holdfast.testing.WsRecorder;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.wsItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SockJS over WebSockets (the framed session transport and the raw {@code /websocket}), the origin
 * paths {@code sockjs_as_path} and route rewriting give, and a session to a WebSocket-over-HTTP
 * origin.
 */
class SockJsWebSocketIT extends SockJsRig
{
    private FakeWohOrigin wohOrigin;

    @Override
    void startMoreOrigins() throws Exception
    {
        wohOrigin = new FakeWohOrigin("/woh/sjs");
    }

    @Override
    void stopMoreOrigins()
    {
        wohOrigin.close();
    }

    @Override
    String routes()
    {
        return String.join("\n",
            super.routes(),
            "*,path_beg=/asp/,sockjs=/asp/sjs,sockjs_as_path=/other 127.0.0.1:" + origin.port(),
            "*,path_beg=/rw/,replace_beg=/v2/,sockjs=/rw/sjs 127.0.0.1:" + origin.port(),
            "*,path_beg=/woh/,sockjs=/woh/sjs 127.0.0.1:" + wohOrigin.port() + ",over_http");
    }

    @Test
    void aFramedSessionWrapsEveryMessage() throws Exception
    {
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/sockjs/000/w1/websocket?q=1"))
        {
            assertFrame(client, "o");
            FakeWsOrigin.Connection upstream = origin.take();
            assertEquals("GET /sockjs/websocket?q=1 HTTP/1.1", upstream.header(":request"));
            upstream.sendText("c:{\"type\":\"subscribe\",\"channel\":\"sjs\"}");
            upstream.sendText("m:welcome");
            assertFrame(client, "a[\"welcome\"]");

            client.sendText("[\"hello\",\"two\"]");
            assertEquals("hello", upstream.nextText());
            assertEquals("two", upstream.nextText());
            client.sendText("");

            Await.until("subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("sjs") == 1);
            publisher.publish(items(wsItem("sjs", "{\"content\":\"published\"}")));
            publisher.publish(items(wsItem("sjs", "{\"type\":\"ping\",\"content\":\"not for SockJS\"}")));
            publisher.publish(items(wsItem("sjs", "{\"content-bin\":\"AAE=\"}")));
            assertFrame(client, "a[\"published\"]");
            assertFrame(client, "a[\"\\u0000\\u0001\"]");
            client.assertText("h");

            publisher.publish(items(wsItem("sjs", "{\"action\":\"close\",\"code\":4001,\"reason\":\"bye\"}")));
            assertClose(client, 4001, "bye");
            assertEquals(WsFrames.CLOSE, upstream.next().opcode());
        }
    }

    @Test
    void brokenFramingEndsTheSession() throws Exception
    {
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/sockjs/000/w2/websocket"))
        {
            assertFrame(client, "o");
            FakeWsOrigin.Connection upstream = origin.take();
            client.sendText("not json");
            assertClose(client, 3000, "Broken framing.");
            WsFrames.Frame close = upstream.next();
            assertEquals(1001, close.closeCode(), "the origin hears the client went away");
        }
    }

    @Test
    void theRawWebSocketIsAPlainProxiedOne() throws Exception
    {
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/sockjs/websocket"))
        {
            FakeWsOrigin.Connection upstream = origin.take();
            assertEquals("GET /sockjs/websocket HTTP/1.1", upstream.header(":request"));
            upstream.sendText("m:plain");
            client.assertText("plain");
            client.sendText("not framed");
            assertEquals("not framed", upstream.nextText());
        }
    }

    @Test
    void originPathsFromSockjsAsPathAndTheRoutesRewriting() throws Exception
    {
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/asp/sjs/000/a/websocket?r=2"))
        {
            assertEquals("GET /other?r=2 HTTP/1.1", origin.take().header(":request"));
        }
        assertEquals("o\n", HttpReply.call(holdfast.port(), "POST", "/asp/sjs/000/b/xhr", "").body());
        assertEquals("GET /other HTTP/1.1", origin.take().header(":request"));
        assertEquals("o\n", HttpReply.call(holdfast.port(), "POST", "/rw/sjs/000/c/xhr", "").body());
        assertEquals("GET /v2/sjs HTTP/1.1", origin.take().header(":request"), "replace_beg applies to the origin path");
    }

    @Test
    void aSessionToAWebSocketOverHttpOrigin() throws Exception
    {
        wohOrigin.answer("OPEN\r\nTEXT 26\r\nc:{\"type\":\"subscribe\",\"channel\":\"woh\"}\r\nTEXT 9\r\nm:welcome\r\n",
            "Sec-WebSocket-Extensions", "grip");
        HttpReply open = HttpReply.call(holdfast.port(), "POST", "/woh/sjs/000/h1/xhr?r=4", "", "Content-Type: text/plain");
        assertEquals("o\n", open.body());
        FakeWohOrigin.Exchange opening = wohOrigin.take();
        assertEquals(List.of(WsEvent.open()), opening.events());
        assertEquals("/woh/sjs?r=4", opening.request().uri());
        assertEquals("application/websocket-events", opening.header("Content-Type"), "not the client's");
        assertEquals("a[\"welcome\"]\n", HttpReply.call(holdfast.port(), "POST", "/woh/sjs/000/h1/xhr", "").body());

        wohOrigin.answer("TEXT 6\r\nm:echo\r\n");
        assertEquals("ok", HttpReply.call(holdfast.port(), "POST", "/woh/sjs/000/h1/xhr_send", "[\"w1\"]").body());
        assertEquals(List.of(WsEvent.text("w1")), wohOrigin.take().events());
        assertEquals("a[\"echo\"]\n", HttpReply.call(holdfast.port(), "POST", "/woh/sjs/000/h1/xhr", "").body());
        Await.until("subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("woh") == 1);
    }

    /** The next text that is not a heartbeat (they come every second here). */
    private static void assertFrame(WsRecorder client, String expected) throws InterruptedException
    {
        WsRecorder.Event event = client.next();
        while (event.kind().equals("text") && event.text().equals("h"))
            event = client.next();
        assertEquals("text " + expected, event.kind() + " " + event.text());
    }

    private static void assertClose(WsRecorder client, int code, String reason) throws InterruptedException
    {
        WsRecorder.Event event = client.next();
        while (event.kind().equals("text") && event.text().equals("h"))
            event = client.next();
        assertEquals("close " + code + " " + reason, event.kind() + " " + event.code() + " " + event.text());
    }
}
