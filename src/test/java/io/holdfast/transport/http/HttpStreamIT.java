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
    void serverSentEventsWithKeepAlive() throws Exception
    {
        origin.on("/sse", 200, "", "Content-Type", "text/event-stream", "Grip-Hold", "stream", "Grip-Channel", "news",
            "Grip-Keep-Alive", ":\\n\\n; format=cstring; timeout=1");
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/sse").readHead();
            assertEquals("text/event-stream", head.header("Content-Type"));
            assertEquals(":\n\n", client.readChunkedBytes(3), "keep-alive after a second of silence");
            publisher.publish(items(streamItem("news", "event: x\ndata: y\n\n")));
            assertEquals("event: x\ndata: y\n\n", client.readChunkedBytes(18));
            assertEquals(":\n\n", client.readChunkedBytes(3));
        }
    }

    @Test
    void intervalKeepAlivesKeepComingWhileContentFlows() throws Exception
    {
        origin.on("/interval", 200, "", "Grip-Hold", "stream", "Grip-Channel", "busy",
            "Grip-Keep-Alive", "ka; timeout=1; mode=interval");
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.get("/interval").readHead();
            Await.until("subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("busy") == 1);
            // Publish every 200 ms until a keep-alive comes between the messages: an idle keep-alive
            // never would while content flows, an interval one does within its second.
            StringBuilder received = new StringBuilder();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!received.toString().contains("ka") && System.nanoTime() < deadline)
            {
                publisher.publish(items(streamItem("busy", "m")));
                // One chunk a round: a keep-alive that came first is read now, its message next round.
                received.append(client.readChunk());
                Await.forAtLeast(Duration.ofMillis(200));
            }
            assertTrue(received.toString().contains("m"), "content flowed: " + received);
            assertTrue(received.toString().contains("ka"), "keep-alives among the content: " + received);
        }
    }

    @Test
    void anHttp10ClientGetsTheStreamUnchunkedUntilClose() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.output().write("GET /stream HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
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
                long start = System.nanoTime();
                publisher.publish(items(streamItem("s1", message)));
                for (RawHttp reader : readers)
                    assertEquals(message, reader.readChunkedBytes(message.length()));
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "message " + i + " was slow");
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
