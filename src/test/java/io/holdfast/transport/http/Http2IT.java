// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.testing.Await;
import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.H2Client;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.TestKeystore;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.streamItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Held requests over HTTP/2 with the JDK's HttpClient, on the built-in demo origin: 50 streams on
 * one TLS connection, each receiving its publish (the reason for HTTP/2: browsers allow 6 HTTP/1.1
 * connections per origin); a long-poll answered by a publish, over TLS and over cleartext HTTP/2
 * reached by {@code Upgrade: h2c}; a quiet stream outliving the idle timeout; and no
 * connection-specific header in any HTTP/2 response.
 */
class Http2IT
{
    private static final int STREAMS = 50;
    /** One thread per stream waits for its item, so each arrival is timed when it happens. */
    private static final ExecutorService READERS = Executors.newFixedThreadPool(STREAMS, runnable ->
    {
        Thread thread = new Thread(runnable, "http2it-reader");
        thread.setDaemon(true);
        return thread;
    });

    @TempDir
    Path dir;
    private TestKeystore keystore;
    private HoldfastServer holdfast;
    private FakeOrigin sseOrigin;
    private Publisher publisher;

    @BeforeEach
    void start() throws Exception
    {
        keystore = TestKeystore.create(dir);
        // Server-Sent Events held on the channel the query names; everything else goes to the demo origin.
        sseOrigin = new FakeOrigin().on("/sse", exchange -> FakeOrigin.respond(exchange, 200,
            "event: open\n\n".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/event-stream", "Grip-Hold", "stream",
            "Grip-Channel", exchange.getRequestURI().getQuery().substring("channel=".length())));
        Map<String, String> settings = new HashMap<>(keystore.settings());
        settings.put("holdfast.routes", "*,path_beg=/sse 127.0.0.1:" + sseOrigin.port() + "\n* test");
        // Short, so that the quiet stream below outlives it several times over.
        settings.put("holdfast.http.idle.timeout", "1000");
        holdfast = HoldfastServer.start(settings);
        publisher = new Publisher(holdfast.controlPort());
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
        sseOrigin.close();
    }

    /**
     * 50 Server-Sent Events streams over HTTP/2 take one TLS connection, and the same 50 over HTTP/1.1 take 50 (a
     * browser would stop at 6); one publish to all of them reaches each, over both. The delivery
     * latencies are printed next to each other for the record, not asserted.
     */
    @Test
    void fiftyStreamsShareOneTlsConnectionAndEachGetsItsPublish() throws Exception
    {
        H2Client h2 = H2Client.tls(holdfast.httpsPort(), keystore);
        // The first stream opens the connection; the others then find it and share it.
        h2.open("/sse?channel=warm").close();
        Fanout overHttp2 = fanOut(h2, "s", HttpClient.Version.HTTP_2);
        assertEquals(1, overHttp2.connections(), "every stream on one connection");
        // With its streams reset the connection holds nothing, and goes at the idle timeout (1 s here).
        Await.until("the idle HTTP/2 connection closes", Duration.ofSeconds(10), () -> holdfast.tlsConnections() == 0);

        Fanout overHttp11 = fanOut(H2Client.tls(holdfast.httpsPort(), keystore, HttpClient.Version.HTTP_1_1), "h",
            HttpClient.Version.HTTP_1_1);
        assertEquals(STREAMS, overHttp11.connections(), "a connection per stream");
        System.out.printf("Http2IT: %d streams, one publish to all over TLS: HTTP/2 on %d connection, delivery p50 %.1f ms,"
            + " max %.1f ms; HTTP/1.1 on %d connections, p50 %.1f ms, max %.1f ms%n", STREAMS, overHttp2.connections(),
            overHttp2.p50(), overHttp2.max(), overHttp11.connections(), overHttp11.p50(), overHttp11.max());
    }

    /** How a publish to {@link #STREAMS} held streams went: connections open meanwhile, delivery latencies (ms, sorted). */
    private record Fanout(int connections, List<Double> latencies)
    {
        double p50()
        {
            return latencies.get(latencies.size() / 2);
        }

        double max()
        {
            return latencies.get(latencies.size() - 1);
        }
    }

    /**
     * Opens {@link #STREAMS} streams on channels {@code prefix0...} at once with {@code client},
     * publishes one item to each in one request, and times each arrival; then cancels them all.
     */
    private Fanout fanOut(H2Client client, String prefix, HttpClient.Version version) throws Exception
    {
        List<CompletableFuture<H2Client.Lines>> opening = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++)
        {
            int n = i;
            opening.add(CompletableFuture.supplyAsync(() -> open(client, "/sse?channel=" + prefix + n)));
        }
        List<H2Client.Lines> streams = new ArrayList<>();
        for (CompletableFuture<H2Client.Lines> stream : opening)
            streams.add(stream.get(20, TimeUnit.SECONDS));
        for (H2Client.Lines stream : streams)
        {
            assertEquals(version, stream.response().version());
            assertEquals(200, stream.response().statusCode());
            if (version == HttpClient.Version.HTTP_2)
                assertNoConnectionHeaders(stream.response());
            assertEquals(Optional.of("text/event-stream"), stream.response().headers().firstValue("Content-Type"));
            assertEquals("event: open", stream.next());
            assertEquals("", stream.next());
        }
        int connections = holdfast.tlsConnections();
        List<CompletableFuture<Long>> arrivals = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++)
        {
            H2Client.Lines stream = streams.get(i);
            String expected = "data: item for " + prefix + i;
            arrivals.add(CompletableFuture.supplyAsync(() ->
            {
                assertEquals(expected, next(stream));
                return System.nanoTime();
            }, READERS));
        }
        List<String> published = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++)
            published.add(streamItem(prefix + i, "data: item for " + prefix + i + "\n\n"));
        long sent = System.nanoTime();
        publisher.publish(items(published.toArray(String[]::new)));
        List<Double> latencies = new ArrayList<>();
        for (CompletableFuture<Long> arrival : arrivals)
            latencies.add((arrival.get(20, TimeUnit.SECONDS) - sent) / 1e6);
        Collections.sort(latencies);
        for (H2Client.Lines stream : streams)
            stream.close();
        // A stream whose client cancels it (RST_STREAM) lets go of its subscription, the connection
        // stays. Not so over HTTP/1.1 on TLS: the JDK's client keeps the connection of a body closed
        // early, and a client that left is noticed at a later write (docs/http2.md).
        if (version == HttpClient.Version.HTTP_2)
            Await.until("the streams' subscriptions are gone", Duration.ofSeconds(5), () -> holdfast.hub().channelCount() == 0);
        return new Fanout(connections, latencies);
    }

    private static String next(H2Client.Lines stream)
    {
        try
        {
            return stream.next();
        }
        catch (Exception e)
        {
            throw new AssertionError("no item on a stream", e);
        }
    }

    @Test
    void longPollOverTlsIsAnsweredByAPublish() throws Exception
    {
        H2Client client = H2Client.tls(holdfast.httpsPort(), keystore);
        assertLongPoll(client, "lp-tls");
    }

    @Test
    void longPollOverCleartextHttp2ReachedByUpgrade() throws Exception
    {
        H2Client client = H2Client.cleartext(holdfast.port());
        // The JDK's client asks with Upgrade: h2c on its first request; Jetty switches the connection to HTTP/2.
        HttpResponse<String> greeting = client.get("/");
        assertEquals(200, greeting.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, greeting.version(), "upgraded to h2c");
        assertLongPoll(client, "lp-h2c");
    }

    @Test
    void quietStreamOutlivesTheIdleTimeout() throws Exception
    {
        H2Client client = H2Client.tls(holdfast.httpsPort(), keystore);
        try (H2Client.Lines stream = client.open("/stream?channel=quiet"))
        {
            assertEquals("[stream opened]", stream.next());
            // A held stream has nothing to read or write: neither it nor its connection may time out.
            Await.forAtLeast(Duration.ofMillis(3500));
            publisher.publish(items(streamItem("quiet", "still here\n")));
            assertEquals("still here", stream.next());
        }
    }

    private void assertLongPoll(H2Client client, String channel) throws Exception
    {
        CompletableFuture<HttpResponse<String>> poll = client.getLater("/response?channel=" + channel);
        Await.until("the long-poll is held", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount(channel) == 1);
        assertFalse(poll.isDone());
        publisher.publish(items("{\"channel\":\"" + channel + "\",\"formats\":{\"http-response\":{\"body\":\"answered\\n\","
            + "\"headers\":{\"Connection\":\"close\",\"Keep-Alive\":\"timeout=5\",\"X-Kept\":\"yes\"}}}}"));
        HttpResponse<String> answer = poll.get(10, TimeUnit.SECONDS);
        assertEquals(HttpClient.Version.HTTP_2, answer.version());
        assertEquals(200, answer.statusCode());
        assertEquals("answered\n", answer.body());
        assertEquals("yes", answer.headers().firstValue("X-Kept").orElse(null));
        assertNoConnectionHeaders(answer);
    }

    /** RFC 9113 §8.2.2: a response carrying these is malformed, and strict clients (curl's nghttp2) refuse it. */
    static void assertNoConnectionHeaders(HttpResponse<?> response)
    {
        for (String name : List.of("connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"))
            assertTrue(response.headers().firstValue(name).isEmpty(), name + " sent over HTTP/2: " + response.headers());
    }

    private static H2Client.Lines open(H2Client client, String path)
    {
        try
        {
            return client.open(path);
        }
        catch (Exception e)
        {
            throw new AssertionError("cannot open " + path, e);
        }
    }
}
