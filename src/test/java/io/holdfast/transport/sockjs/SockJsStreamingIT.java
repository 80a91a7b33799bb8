// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.holdfast.testing.Await;
import io.holdfast.testing.FakeWsOrigin;
import io.holdfast.testing.HttpReply;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.WsFrames;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.wsItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SockJS sessions on the streaming transports (xhr_streaming, eventsource), which Pushpin lacks:
 * SockJS 0.3.3's preludes, framing, heartbeats and response limit.
 */
class SockJsStreamingIT extends SockJsRig
{
    @Test
    void xhrStreamingCarriesEveryFrameOnOneResponse() throws Exception
    {
        try (RawHttp http = new RawHttp(holdfast.port()))
        {
            http.send("POST", "/sockjs/000/x1/xhr_streaming", new byte[0], "Origin: http://a.test");
            RawHttp.Head head = http.readHead();
            assertEquals(200, head.status());
            assertTrue(head.chunked());
            assertTrue(head.header("Content-Type").startsWith("application/javascript"), head.header("Content-Type"));
            assertEquals("http://a.test", head.header("Access-Control-Allow-Origin"));
            Frames frames = new Frames(http, "\n");
            assertEquals("h".repeat(2048), frames.next(), "2 KiB prelude");
            assertEquals("o", frames.next());

            FakeWsOrigin.Connection upstream = subscribed();
            upstream.sendText("m:welcome");
            assertEquals("a[\"welcome\"]", frames.nextMessage());
            assertEquals("ok", HttpReply.call(holdfast.port(), "POST", "/sockjs/000/x1/xhr_send", "[\"hi\"]").body());
            assertEquals("hi", upstream.nextText());
            publisher.publish(items(wsItem("sjs", "{\"content\":\"published\"}")));
            assertEquals("a[\"published\"]", frames.nextMessage());
            assertEquals("h", frames.next(), "an idle stream gets heartbeats");

            HttpReply second = HttpReply.call(holdfast.port(), "POST", "/sockjs/000/x1/xhr_streaming", "");
            assertEquals("h".repeat(2048) + "\nc[2010,\"Another connection still open\"]\n", second.body());

            publisher.publish(items(wsItem("sjs", "{\"action\":\"close\",\"code\":4001,\"reason\":\"bye\"}")));
            assertEquals("c[4001,\"bye\"]", frames.nextMessage());
            assertNull(frames.next(), "the stream ends after the close frame");
        }
    }

    @Test
    void aStreamEndsAfter128KiBAndTheSessionGoesOnInTheNext() throws Exception
    {
        String big = "x".repeat(70_000);
        try (RawHttp http = new RawHttp(holdfast.port()))
        {
            http.send("POST", "/sockjs/000/x2/xhr_streaming", new byte[0]);
            http.readHead();
            Frames frames = new Frames(http, "\n");
            frames.next();
            assertEquals("o", frames.next());
            subscribed();
            publisher.publish(items(wsItem("sjs", "{\"content\":\"" + big + "\"}")));
            publisher.publish(items(wsItem("sjs", "{\"content\":\"" + big + "\"}")));
            assertEquals("a[\"" + big + "\"]", frames.nextMessage());
            assertEquals("a[\"" + big + "\"]", frames.nextMessage());
            assertNull(frames.next(), "past SockJS's response limit the stream ends");
        }
        publisher.publish(items(wsItem("sjs", "{\"content\":\"kept\"}")));
        try (RawHttp http = new RawHttp(holdfast.port()))
        {
            http.send("POST", "/sockjs/000/x2/xhr_streaming", new byte[0]);
            http.readHead();
            Frames frames = new Frames(http, "\n");
            frames.next();
            assertEquals("a[\"kept\"]", frames.nextMessage(), "the same session, no second open frame");
        }
    }

    @Test
    void aStreamWhoseClientLeftEndsItsSession() throws Exception
    {
        FakeWsOrigin.Connection upstream;
        try (RawHttp http = new RawHttp(holdfast.port()))
        {
            http.send("POST", "/sockjs/000/x3/xhr_streaming", new byte[0]);
            http.readHead();
            Frames frames = new Frames(http, "\n");
            frames.next();
            assertEquals("o", frames.next());
            upstream = origin.take();
        }
        // Noticed when a heartbeat cannot be written; then the origin hears the client vanished.
        WsFrames.Frame close = upstream.next(Duration.ofSeconds(15));
        assertEquals(WsFrames.CLOSE, close.opcode());
        assertEquals(1001, close.closeCode());
        assertEquals(404, HttpReply.call(holdfast.port(), "POST", "/sockjs/000/x3/xhr_send", "[\"x\"]").status());
    }

    @Test
    void eventSourceFramesAreEvents() throws Exception
    {
        try (RawHttp http = new RawHttp(holdfast.port()))
        {
            http.get("/sockjs/000/e1/eventsource");
            RawHttp.Head head = http.readHead();
            assertTrue(head.header("Content-Type").startsWith("text/event-stream"), head.header("Content-Type"));
            assertEquals(SockJsReplies.NO_CACHE, head.header("Cache-Control"));
            Frames frames = new Frames(http, "\r\n\r\n");
            assertEquals("\r\ndata: o", frames.next(), "a line break first, for old Opera");
            FakeWsOrigin.Connection upstream = subscribed();
            upstream.sendText("m:100%41 \n");
            assertEquals("data: a[\"100%2541 \\n\"]", frames.nextMessage(), "percent signs escaped for the client's decoding");
            assertEquals("data: h", frames.next());
        }
    }

    private FakeWsOrigin.Connection subscribed() throws Exception
    {
        FakeWsOrigin.Connection upstream = origin.take();
        upstream.sendText("c:{\"type\":\"subscribe\",\"channel\":\"sjs\"}");
        Await.until("subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("sjs") == 1);
        return upstream;
    }

    /** The frames of a chunked stream, however the chunks cut them. */
    private static final class Frames
    {
        private final RawHttp http;
        private final String end;
        private final StringBuilder buffer = new StringBuilder();

        Frames(RawHttp http, String end)
        {
            this.http = http;
            this.end = end;
        }

        /** The next frame, or null when the stream ended. */
        String next() throws IOException
        {
            int at;
            while ((at = buffer.indexOf(end)) < 0)
            {
                String chunk = http.readChunk();
                if (chunk == null)
                    return null;
                buffer.append(chunk);
            }
            String frame = buffer.substring(0, at);
            buffer.delete(0, at + end.length());
            return frame;
        }

        /** The next frame that is not a heartbeat. */
        String nextMessage() throws IOException
        {
            String frame = next();
            while (frame != null && (frame.equals("h") || frame.equals("data: h")))
                frame = next();
            return frame;
        }
    }
}
