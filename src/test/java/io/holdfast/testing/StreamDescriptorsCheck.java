// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Descriptors per held stream once a burst of new subscribers has settled: at most {@link #PER_STREAM}.
 * {@link #STREAMS} clients each hold a stream on a channel of its own, from an origin that keeps its
 * connections alive, so each request and its first-subscriber re-check go to the origin over
 * Holdfast's pool of origin connections. Only the client's own socket should remain per stream.
 */
public final class StreamDescriptorsCheck implements AutoCloseable
{
    public static final double PER_STREAM = 1.1;
    private static final int STREAMS = 1000;
    private static final int WARM_UP = 100;
    // Each wait ends as soon as its state is reached; 10 s ran out once in CI for 1,000 holds and
    // their re-checks (2,000 origin requests) on two cores loaded beside three other test classes.
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final FakeOrigin origin = new FakeOrigin();
    private final AtomicInteger originRequests = new AtomicInteger();

    public StreamDescriptorsCheck() throws IOException
    {
        for (String kind : List.of("stream", "response"))
        {
            origin.on("/cost/" + kind, exchange ->
            {
                originRequests.incrementAndGet();
                String channel = exchange.getRequestURI().getQuery().substring("channel=".length());
                byte[] body = "open\n".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Grip-Hold", kind);
                exchange.getResponseHeaders().add("Grip-Channel", channel);
                exchange.getResponseHeaders().add("Grip-Timeout", "60");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody())
                {
                    out.write(body);
                }
            });
        }
    }

    /** Route lines for this check's paths (prepend them to a test's routes). */
    public String routes()
    {
        return "*,path_beg=/cost/ 127.0.0.1:" + origin.port() + "\n";
    }

    /** {@code descriptors} counts the proxy's open descriptors. */
    public void exercise(int http, IntSupplier descriptors) throws Exception
    {
        // Streams ask their origin once; long-polls ask again a second after their channel's first
        // subscriber, all 1,000 at once, and must not open a connection each to do so.
        for (String kind : List.of("stream", "response"))
            exercise(http, descriptors, kind, kind.equals("stream") ? 1 : 2);
    }

    private void exercise(int http, IntSupplier descriptors, String kind, int requestsEach) throws Exception
    {
        // The pool of idle origin connections fills here, and the classes these requests need load.
        int start = descriptors.getAsInt();
        close(hold(http, WARM_UP, kind, requestsEach));
        Await.until(kind + " warm-up released", SETTLE, () -> descriptors.getAsInt() < start + WARM_UP);
        int before = descriptors.getAsInt();
        List<RawHttp> clients = hold(http, STREAMS, kind, requestsEach);
        try
        {
            int limit = before + (int)(STREAMS * PER_STREAM);
            try
            {
                Await.until(kind + " holds settle at " + PER_STREAM + " descriptors each", SETTLE,
                    () -> descriptors.getAsInt() <= limit);
            }
            catch (AssertionError e)
            {
                double each = (descriptors.getAsInt() - before) / (double)STREAMS;
                throw new AssertionError(e.getMessage() + ": " + each + " each", e);
            }
        }
        finally
        {
            close(clients);
        }
    }

    private List<RawHttp> hold(int http, int count, String kind, int requestsEach) throws Exception
    {
        int requestsBefore = originRequests.get();
        List<RawHttp> clients = new ArrayList<>();
        for (int i = 0; i < count; i++)
            clients.add(new RawHttp(http).get("/cost/" + kind + "?channel=cost-" + kind + "-" + i));
        if (kind.equals("stream"))
        {
            for (RawHttp client : clients)
            {
                assertEquals(200, client.readHead().status());
                assertEquals("open\n", client.readChunk());
            }
        }
        // The set-up burst is over once each channel's first-subscriber re-check has been answered too.
        Await.until(kind + ": " + requestsEach + " origin requests each", SETTLE,
            () -> originRequests.get() >= requestsBefore + requestsEach * count);
        return clients;
    }

    private static void close(List<RawHttp> clients) throws IOException
    {
        for (RawHttp client : clients)
            client.close();
    }

    @Override
    public void close()
    {
        origin.close();
    }
}
