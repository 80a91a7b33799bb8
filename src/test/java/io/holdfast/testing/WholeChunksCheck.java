// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.streamItem;
import static io.holdfast.testing.Publisher.wsItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every streaming path Holdfast writes, read as Python's http.client reads it: a chunk counts only
 * once its closing CRLF has arrived ({@link RawHttp#readChunk}). Each message must be complete on
 * the wire within {@link #WITHIN} of its publish's answer (or of the origin writing it), with no later write
 * to push it out: held streams (the origin's body, publishes, keep-alives, the close), SSE, a plain
 * streaming response relayed as it comes, the same wrapped for a JSONP call, and SockJS's
 * xhr_streaming and eventsource. Used against the embedded server and against the WAR deployed in
 * jetty-home and Tomcat, with the routes {@link #routes()} gives. Closes its origins.
 */
public final class WholeChunksCheck implements AutoCloseable
{
    /**
     * A message held back until a later write never arrives here (the test writes nothing more while
     * it waits, so the read times out); this bound catches one pushed out late by a timer. 100 ms was
     * passed by 223 ms once in CI, with Tomcat starting beside three other test classes on two cores.
     */
    public static final Duration WITHIN = Duration.ofMillis(1000);
    private static final String SOCKJS = "/whole-sockjs";
    private static final String END = "";

    private final FakeOrigin origin = new FakeOrigin();
    private final FakeWsOrigin wsOrigin = new FakeWsOrigin();
    private final BlockingQueue<String> plainPieces = new LinkedBlockingQueue<>();
    private final String tag;

    /** @param tag makes the channel names this run's own */
    public WholeChunksCheck(String tag) throws IOException
    {
        this.tag = tag;
        origin.on("/whole/stream", 200, "open\n", "Content-Type", "text/plain", "Grip-Hold", "stream",
            "Grip-Channel", channel("stream"), "Grip-Keep-Alive", "ka\\n; format=cstring; timeout=1");
        origin.on("/whole/sse", 200, "", "Content-Type", "text/event-stream", "Grip-Hold", "stream",
            "Grip-Channel", channel("sse"), "Grip-Keep-Alive", ":\\n\\n; format=cstring; timeout=1");
        origin.on("/whole/plain", exchange ->
        {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            try
            {
                for (String piece = "first\n"; !piece.equals(END); piece = plainPieces.take())
                {
                    body.write(piece.getBytes(StandardCharsets.UTF_8));
                    body.flush();
                }
            }
            catch (InterruptedException stopped)
            {
                Thread.currentThread().interrupt();
            }
            body.close();
        });
    }

    /** Route lines sending this check's paths to its origins (prepend them to a test's routes). */
    public String routes()
    {
        return "*,path_beg=/whole/aco/,aco,replace_beg=/whole/ 127.0.0.1:" + origin.port() + "\n"
            + "*,path_beg=/whole/ 127.0.0.1:" + origin.port() + "\n"
            + "*,path_beg=" + SOCKJS + ",sockjs=" + SOCKJS + " 127.0.0.1:" + wsOrigin.port() + "\n";
    }

    /** Runs every path through the proxy listening on {@code http}, publishing on {@code control}. */
    public void exercise(int http, int control) throws Exception
    {
        Publisher publisher = new Publisher(control);
        // The publisher's first request pays for its HTTP client and the publish path's class loading.
        publisher.publish(items(streamItem(channel("warm-up"), "-")));
        heldStream(http, publisher);
        serverSentEvents(http, publisher);
        plainStream(http, "/whole/plain", "first\n", "second\n", "second\n");
        plainStream(http, "/whole/aco/plain?callback=cb", "\"body\": \"first\\n", "second\n", "second\\n");
        sockJs(http, publisher, "xhr_streaming", "POST", "a[\"pushed\"]\n");
        sockJs(http, publisher, "eventsource", "GET", "data: a[\"pushed\"]\r\n\r\n");
    }

    private void heldStream(int http, Publisher publisher) throws Exception
    {
        try (RawHttp client = new RawHttp(http))
        {
            RawHttp.Head head = client.get("/whole/stream").readHead();
            assertEquals(200, head.status());
            assertTrue(head.chunked(), "a held stream is chunked");
            assertEquals("open\n", client.readChunk(), "the origin's body, whole");
            for (String message : new String[]{"one\n", "two\n"})
                assertEquals(message, published(client, publisher, streamItem(channel("stream"), message)));
            assertEquals("ka\n", client.readChunk(), "a keep-alive after a second of silence, whole");
            closedBy(client, publisher, "{\"channel\":\"" + channel("stream")
                + "\",\"formats\":{\"http-stream\":{\"action\":\"close\"}}}");
        }
    }

    private void serverSentEvents(int http, Publisher publisher) throws Exception
    {
        try (RawHttp client = new RawHttp(http))
        {
            RawHttp.Head head = client.get("/whole/sse").readHead();
            assertEquals("text/event-stream", head.header("Content-Type"));
            assertEquals(":\n\n", client.readChunk(), "the keep-alive, whole: the origin's body was empty");
            String event = "event: tick\ndata: 1\n\n";
            assertEquals(event, published(client, publisher, streamItem(channel("sse"), event)));
        }
    }

    // A response the origin writes piece by piece, without GRIP; each piece must reach the client whole.
    private void plainStream(int http, String path, String startsWith, String piece, String relayed) throws Exception
    {
        plainPieces.clear();
        try (RawHttp client = new RawHttp(http))
        {
            RawHttp.Head head = client.get(path).readHead();
            assertEquals(200, head.status());
            assertTrue(head.chunked(), path + " is relayed as it comes");
            assertTrue(client.readChunk().contains(startsWith), "the first piece, whole");
            long start = System.nanoTime();
            plainPieces.add(piece);
            String chunk = client.readChunk();
            assertPrompt(start, path);
            assertTrue(chunk.contains(relayed), chunk);
            plainPieces.add(END);
            while (chunk != null)
                chunk = client.readChunk();
        }
    }

    private void sockJs(int http, Publisher publisher, String transport, String method, String frame) throws Exception
    {
        try (RawHttp client = new RawHttp(http))
        {
            client.send(method, SOCKJS + "/000/" + transport + tag + "/" + transport, method.equals("POST") ? new byte[0] : null);
            assertEquals(200, client.readHead().status());
            String opened = client.readChunk();
            while (!opened.contains("o"))
                opened = client.readChunk();
            FakeWsOrigin.Connection upstream = wsOrigin.take();
            // The origin's messages are taken in order: once the second arrives, the first subscribed.
            upstream.sendText("c:{\"type\":\"subscribe\",\"channel\":\"" + channel(transport) + "\"}");
            upstream.sendText("m:subscribed");
            assertTrue(client.readChunk().contains("subscribed"));
            String pushed = published(client, publisher, wsItem(channel(transport), "{\"content\":\"pushed\"}"));
            assertEquals(frame, pushed, transport);
        }
    }

    // Publishes item and returns the next chunk, which must be complete within WITHIN of the publish
    // (its answer: by then Holdfast has written the chunk, so a loaded machine's slow publish does
    // not count against the framing).
    private static String published(RawHttp client, Publisher publisher, String item) throws Exception
    {
        assertEquals(200, publisher.publish(items(item)).statusCode());
        long start = System.nanoTime();
        String chunk = client.readChunk();
        assertPrompt(start, item);
        return chunk;
    }

    // Publishes item, which must end the stream with its last chunk within WITHIN.
    private static void closedBy(RawHttp client, Publisher publisher, String item) throws Exception
    {
        assertEquals(200, publisher.publish(items(item)).statusCode());
        long start = System.nanoTime();
        assertNull(client.readChunk(), "the stream's last chunk");
        assertPrompt(start, item);
    }

    private static void assertPrompt(long start, String what)
    {
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took < WITHIN.toMillis(), what + " took " + took + " ms to arrive whole");
    }

    private String channel(String name)
    {
        return "whole-" + name + "-" + tag;
    }

    @Override
    public void close() throws IOException
    {
        plainPieces.add(END);
        origin.close();
        wsOrigin.close();
    }
}
