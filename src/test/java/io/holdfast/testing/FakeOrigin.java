// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A scriptable origin on the JDK's HTTP server, bound to loopback on an ephemeral port: each test
 * registers what a path answers, and every request it receives is recorded for
 * {@link #takeRequest()} (MockWebServer's model). Unregistered paths answer 404.
 */
public final class FakeOrigin implements AutoCloseable
{
    /** What a path does with a request. */
    @FunctionalInterface
    public interface Handler
    {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** A request as the origin received it. */
    public record RecordedRequest(String method, String uri, Headers headers, byte[] body)
    {
        public String header(String name)
        {
            return headers.getFirst(name);
        }

        public String bodyText()
        {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();

    public FakeOrigin() throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::dispatch);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * The origin of the deployment checks: {@code /hello} answers "hello from origin", {@code /stream}
     * holds a stream on {@code channel} after "opened".
     */
    public static FakeOrigin helloAndStream(String channel) throws IOException
    {
        return new FakeOrigin()
            .on("/hello", 200, "hello from origin\n", "Content-Type", "text/plain")
            .on("/stream", 200, "opened\n", "Content-Type", "text/plain", "Grip-Hold", "stream", "Grip-Channel", channel);
    }

    public int port()
    {
        return server.getAddress().getPort();
    }

    /** Registers what {@code path} (exact, without query) answers. */
    public FakeOrigin on(String path, Handler handler)
    {
        handlers.put(path, handler);
        return this;
    }

    /** Registers a fixed response: status, header pairs (name, value, name, value…) and body. */
    public FakeOrigin on(String path, int status, String body, String... headerPairs)
    {
        return on(path, exchange -> respond(exchange, status, body.getBytes(StandardCharsets.UTF_8), headerPairs));
    }

    public static void respond(HttpExchange exchange, int status, byte[] body, String... headerPairs) throws IOException
    {
        for (int i = 0; i < headerPairs.length; i += 2)
            exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(body);
        }
    }

    /** The next request received, waiting up to five seconds. */
    public RecordedRequest takeRequest() throws InterruptedException
    {
        RecordedRequest request = requests.poll(5, TimeUnit.SECONDS);
        if (request == null)
            throw new AssertionError("the origin received no request");
        return request;
    }

    /** The next request if one arrives within {@code millis}, else null. */
    public RecordedRequest pollRequest(long millis) throws InterruptedException
    {
        return requests.poll(millis, TimeUnit.MILLISECONDS);
    }

    public List<RecordedRequest> drainRequests()
    {
        List<RecordedRequest> drained = new ArrayList<>();
        requests.drainTo(drained);
        return drained;
    }

    private void dispatch(HttpExchange exchange) throws IOException
    {
        byte[] body = exchange.getRequestBody().readAllBytes();
        // Handlers may read the body again.
        exchange.setStreams(new ByteArrayInputStream(body), exchange.getResponseBody());
        requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
            exchange.getRequestHeaders(), body));
        Handler handler = handlers.get(exchange.getRequestURI().getPath());
        if (handler == null)
            respond(exchange, 404, "no handler\n".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");
        else
            handler.handle(exchange);
        exchange.close();
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }
}
