// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.testing.Await;
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

    @TempDir
    Path dir;
    private TestKeystore keystore;
    private HoldfastServer holdfast;
    private Publisher publisher;

    @BeforeEach
    void start() throws Exception
    {
        keystore = TestKeystore.create(dir);
        Map<String, String> settings = new HashMap<>(keystore.settings());
        // Short, so that the quiet stream below outlives it several times over.
        settings.put("holdfast.http.idle.timeout", "1000");
        holdfast = HoldfastServer.start(settings);
        publisher = new Publisher(holdfast.controlPort());
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
    }

    @Test
    void fiftyStreamsShareOneTlsConnectionAndEachGetsItsPublish() throws Exception
    {
        H2Client client = H2Client.tls(holdfast.httpsPort(), keystore);
        List<H2Client.Lines> streams = new ArrayList<>();
        // The first stream opens the connection; the others then find it and share it.
        streams.add(client.open("/stream?channel=s0"));
        List<CompletableFuture<H2Client.Lines>> opening = new ArrayList<>();
        for (int i = 1; i < STREAMS; i++)
        {
            int n = i;
            opening.add(CompletableFuture.supplyAsync(() -> open(client, "/stream?channel=s" + n)));
        }
        for (CompletableFuture<H2Client.Lines> stream : opening)
            streams.add(stream.get(20, TimeUnit.SECONDS));
        for (H2Client.Lines stream : streams)
        {
            assertEquals(HttpClient.Version.HTTP_2, stream.response().version());
            assertEquals(200, stream.response().statusCode());
            assertNoConnectionHeaders(stream.response());
            assertEquals("[stream opened]", stream.next());
        }
        assertEquals(1, holdfast.tlsConnections(), "every stream on one connection");
        List<String> published = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++)
            published.add(streamItem("s" + i, "item for s" + i + "\n"));
        publisher.publish(items(published.toArray(String[]::new)));
        for (int i = 0; i < STREAMS; i++)
            assertEquals("item for s" + i, streams.get(i).next());
        assertEquals(1, holdfast.tlsConnections());
        for (H2Client.Lines stream : streams)
            stream.close();
        // A stream whose client cancels it (RST_STREAM) lets go of its subscription, the connection stays.
        Await.until("the streams' subscriptions are gone", Duration.ofSeconds(5), () -> holdfast.hub().channelCount() == 0);
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
