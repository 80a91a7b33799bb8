// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

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
import static io.holdfast.testing.Publisher.streamItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Held streams ({@code Grip-Hold: stream}) and SSE, with real clients and a real origin. */
class HttpStreamIT
{
    private FakeOrigin origin;
    private HoldfastServer holdfast;
    private Publisher publisher;

    @BeforeEach
    void start() throws Exception
    {
        origin = new FakeOrigin();
        holdfast = HoldfastServer.start(Map.of(
            "holdfast.routes", "* 127.0.0.1:" + origin.port(),
            "holdfast.subscriber.queue.messages", "50"));
        publisher = new Publisher(holdfast.controlPort());
        origin.on("/stream", 200, "opened\n", "Content-Type", "text/plain", "X-Foo", "bar", "Grip-Hold", "stream",
            "Grip-Channel", "s1, s2");
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
        origin.close();
    }

    @Test
    void streamStartsChunkedWithGripStrippedThenCarriesPublishes() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/stream").readHead();
            assertEquals("HTTP/1.1 200 OK", head.statusLine());
            assertTrue(head.chunked());
            assertNull(head.header("Content-Length"));
            assertEquals("bar", head.header("X-Foo"));
            assertEquals("text/plain", head.header("Content-Type"));
            assertTrue(head.headers().stream().noneMatch(h -> h[0].toLowerCase().startsWith("grip-")));
            assertEquals("opened\n", client.readChunkedBytes(7));

            publisher.publish(items(streamItem("s1", "one\n")));
            assertEquals("one\n", client.readChunkedBytes(4));
            publisher.publish(items(streamItem("s2", "two\n"), streamItem("other", "never\n"), streamItem("s1", "three\n")));
            assertEquals("two\nthree\n", client.readChunkedBytes(10));
        }
    }

    @Test
    void binaryContentAndCloseAction() throws Exception
    {
        byte[] binary = {0, 1, 2, (byte)0xff, '\n'};
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.get("/stream").readHead();
            client.readChunkedBytes(7);
            publisher.publish(items("{\"channel\":\"s1\",\"formats\":{\"http-stream\":{\"content-bin\":\""
                + Base64.getEncoder().encodeToString(binary) + "\"}}}"));
            assertEquals(new String(binary, StandardCharsets.UTF_8), client.readChunkedBytes(5));
            publisher.publish(items("{\"channel\":\"s1\",\"formats\":{\"http-stream\":{\"action\":\"close\"}}}"));
            assertNull(client.readChunk(), "close ends the chunked body cleanly");
        }
    }

    @Test
    void aStreamEndedByCloseLeavesItsConnectionForTheNextRequest() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            for (String item : List.of("first\n", "second\n"))
            {
                RawHttp.Head head = client.get("/stream").readHead();
                assertEquals("HTTP/1.1 200 OK", head.statusLine());
                assertTrue(head.chunked());
                assertEquals("opened\n", client.readChunkedBytes(7));
                Await.until("subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("s1") == 1);
                publisher.publish(items(streamItem("s1", item),
                    "{\"channel\":\"s1\",\"formats\":{\"http-stream\":{\"action\":\"close\"}}}"));
                assertEquals(item, client.readChunkedBytes(item.length()));
                assertNull(client.readChunk(), "close ends the chunked body cleanly");
                Await.until("unsubscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("s1") == 0);
            }
        }
    }

    @Test
    void serverSentEventsGetAnIdleKeepAliveOnlyAfterASecondOfSilence() throws Exception
    {
        origin.on("/sse", 200, "", "Content-Type", "text/event-stream", "Grip-Hold", "stream", "Grip-Channel", "news",
            "Grip-Keep-Alive", ":\\n\\n; format=cstring; timeout=1");
        ManualClock clock = restartOnManualClock();
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/sse").readHead();
            assertEquals("text/event-stream", head.header("Content-Type"));
            awaitKeepAliveScheduled(clock);
            clock.advance(Duration.ofSeconds(1));
            assertEquals(":\n\n", client.readChunkedBytes(3), "keep-alive after a second of silence");
            // Content half a second later postpones the next one: had it come at its first due
            // time, it would be read before the event.
            clock.advance(Duration.ofMillis(500));
            publisher.publish(items(streamItem("news", "event: x\ndata: y\n\n")));
            assertEquals("event: x\ndata: y\n\n", client.readChunkedBytes(18));
            clock.advance(Duration.ofMillis(700));
            publisher.publish(items(streamItem("news", "data: z\n\n")));
            assertEquals("data: z\n\n", client.readChunkedBytes(9));
            clock.advance(Duration.ofMillis(1100));
            assertEquals(":\n\n", client.readChunkedBytes(3), "keep-alive after the next second of silence");
        }
    }

    @Test
    void intervalKeepAlivesKeepComingWhileContentFlows() throws Exception
    {
        origin.on("/interval", 200, "", "Grip-Hold", "stream", "Grip-Channel", "busy",
            "Grip-Keep-Alive", "ka; timeout=1; mode=interval");
        ManualClock clock = restartOnManualClock();
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.get("/interval").readHead();
            awaitKeepAliveScheduled(clock);
            // Content every 250 ms never leaves the stream idle; an interval keep-alive comes anyway,
            // within its second (up to a tenth early).
            StringBuilder received = new StringBuilder();
            for (int i = 0; i < 4; i++)
            {
                clock.advance(Duration.ofMillis(250));
                publisher.publish(items(streamItem("busy", "m")));
                received.append(client.readChunkedBytes(i == 3 ? 3 : 1));
            }
            assertEquals("mmmkam", received.toString());
        }
    }

    /** Holdfast again, on a clock that the test moves: for the tests whose subject is time. */
    private ManualClock restartOnManualClock() throws Exception
    {
        holdfast.close();
        ManualClock clock = new ManualClock();
        holdfast = HoldfastServer.start(Map.of("holdfast.routes", "* 127.0.0.1:" + origin.port(),
            "holdfast.first.subscriber.recheck", "0"), clock);
        publisher = new Publisher(holdfast.controlPort());
        return clock;
    }

    private static void awaitKeepAliveScheduled(ManualClock clock)
    {
        // The head can reach the client just before the stream's first keep-alive is scheduled.
        Await.until("the keep-alive is scheduled", Duration.ofSeconds(5), () -> clock.pendingCount() == 1);
    }

    @Test
    void anHttp10ClientGetsTheStreamUnchunkedUntilClose() throws Exception
    {
        assertStreamedUnchunkedUntilClose("GET /stream HTTP/1.0\r\nHost: x\r\n\r\n");
    }

    @Test
    void aClientThatAsksToCloseGetsTheStreamUnchunkedUntilClose() throws Exception
    {
        assertStreamedUnchunkedUntilClose("GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    // The head goes out before the container knows it will not chunk: what follows is the container's to write.
    private void assertStreamedUnchunkedUntilClose(String request) throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.output().write(request.getBytes(StandardCharsets.US_ASCII));
            RawHttp.Head head = client.readHead();
            assertEquals(200, head.status());
            assertNull(head.header("Transfer-Encoding"));
            Await.until("subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("s1") == 1);
            publisher.publish(items(streamItem("s1", "one\n"),
                "{\"channel\":\"s1\",\"formats\":{\"http-stream\":{\"action\":\"close\"}}}"));
            assertEquals("opened\none\n", client.readBody(head));
        }
    }

    @Test
    void aPrevIdWithoutANextLinkIsAnsweredNotHeld() throws Exception
    {
        origin.on("/prev", 200, "start\n", "Content-Type", "text/plain", "Grip-Hold", "stream", "Grip-Channel",
            "p; prev-id=1");
        try (HoldfastServer debug = HoldfastServer.start(Map.of("holdfast.routes", "*,debug 127.0.0.1:" + origin.port()));
             RawHttp plain = new RawHttp(holdfast.port());
             RawHttp detailed = new RawHttp(debug.port()))
        {
            RawHttp.Head head = plain.get("/prev").readHead();
            assertEquals("6", head.header("Content-Length"));
            assertEquals("start\n", plain.readBody(head));
            head = detailed.get("/prev").readHead();
            assertEquals("start\n\n\nchannel 'p' specifies prev-id, but no next link found\n", detailed.readBody(head));
            assertEquals(0, holdfast.hub().subscriberCount("p"));
        }
    }

    @Test
    void gripStatusSetsTheStatusLine() throws Exception
    {
        origin.on("/nope", 200, "", "Grip-Hold", "stream", "Grip-Channel", "n", "Grip-Status", "404 Nope");
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            assertEquals("HTTP/1.1 404 Nope", client.get("/nope").readHead().statusLine());
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileOthersGetEverythingPromptly() throws Exception
    {
        // The stalled client never reads: the socket buffers fill, then its bounded queue, then it
        // is disconnected. The readers must get every message meanwhile.
        Socket stalled = new Socket(InetAddress.getLoopbackAddress(), holdfast.port());
        stalled.setReceiveBufferSize(4096);
        stalled.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        List<RawHttp> readers = new ArrayList<>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                RawHttp reader = new RawHttp(holdfast.port());
                reader.get("/stream").readHead();
                reader.readChunkedBytes(7);
                readers.add(reader);
            }
            Await.until("all four are subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("s1") == 4);
            String payload = "x".repeat(64 * 1024) + "\n";
            for (int i = 0; i < 200; i++)
            {
                String message = i + ":" + payload;
                publisher.publish(items(streamItem("s1", message)));
                // Were the readers' deliveries tied to the stalled client's, they would stop once
                // its socket filled: a read would then time out, as nothing drops it before its
                // queue overflows, and that needs the publishes this loop only makes after the read.
                for (RawHttp reader : readers)
                    assertEquals(message, reader.readChunkedBytes(message.length()));
            }
            Await.until("the stalled client is dropped", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("s1") == 3);
        }
        finally
        {
            stalled.close();
            for (RawHttp reader : readers)
                reader.close();
        }
    }

    @Test
    void aClientThatLeavesIsUnsubscribedAtTheNextWrite() throws Exception
    {
        RawHttp client = new RawHttp(holdfast.port());
        client.get("/stream").readHead();
        client.readChunkedBytes(7);
        assertEquals(1, holdfast.hub().subscriberCount("s1"));
        client.close();
        // The first write after the close may still be accepted by the kernel; the next fails.
        Await.until("the departed client is unsubscribed", Duration.ofSeconds(5), () ->
        {
            try
            {
                publisher.publish(items(streamItem("s1", "anyone?\n")));
            }
            catch (Exception e)
            {
                throw new AssertionError(e);
            }
            return holdfast.hub().subscriberCount("s1") == 0 && holdfast.hub().subscriberCount("s2") == 0;
        });
    }

    @Test
    void keepAlivesFindADepartedClientWithoutAnyPublish() throws Exception
    {
        origin.on("/ka", 200, "", "Grip-Hold", "stream", "Grip-Channel", "quiet", "Grip-Keep-Alive", "ka; timeout=1");
        RawHttp client = new RawHttp(holdfast.port());
        client.get("/ka").readHead();
        assertEquals(1, holdfast.hub().subscriberCount("quiet"));
        client.close();
        Await.until("the departed client is unsubscribed", Duration.ofSeconds(6),
            () -> holdfast.hub().subscriberCount("quiet") == 0);
    }
}
