// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The JDK's HttpClient in HTTP/2 mode, as a browser would use Holdfast: over TLS (ALPN h2) with an
 * {@link SSLContext} that trusts the test's keystore, or over cleartext, where it asks for HTTP/2
 * with {@code Upgrade: h2c}. Streams are read line by line, each read bounded in time so a test
 * fails instead of hanging. One client, one connection per origin, as HTTP/2 intends (the JDK's client has no close() before
 * Java 21: its connections end with it).
 */
public final class H2Client
{
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    // Includes the TLS handshake, which a container's fresh JVM on a loaded machine took over 5 s for.
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    // Blocking reads, each on a thread of its own: one that times out must not hold up the others.
    private static final ExecutorService READERS = Executors.newCachedThreadPool(task ->
    {
        Thread thread = new Thread(task, "h2-test-reader");
        thread.setDaemon(true);
        return thread;
    });

    private final HttpClient client;
    private final String base;

    private H2Client(HttpClient client, String base)
    {
        this.client = client;
        this.base = base;
    }

    /** A client of {@code https://127.0.0.1:port} trusting {@code keystore}. */
    public static H2Client tls(int port, TestKeystore keystore) throws Exception
    {
        return tls(port, keystore, HttpClient.Version.HTTP_2);
    }

    /** As {@link #tls(int, TestKeystore)}, offering only {@code version} (HTTP_1_1: no h2 in ALPN). */
    public static H2Client tls(int port, TestKeystore keystore, HttpClient.Version version) throws Exception
    {
        return new H2Client(HttpClient.newBuilder().version(version).sslContext(keystore.trusting())
            .connectTimeout(CONNECT_TIMEOUT).build(), "https://127.0.0.1:" + port);
    }

    /** A client of {@code http://127.0.0.1:port} speaking {@code version} (HTTP_2: by Upgrade: h2c). */
    public static H2Client cleartext(int port, HttpClient.Version version)
    {
        return new H2Client(HttpClient.newBuilder().version(version).connectTimeout(CONNECT_TIMEOUT).build(),
            "http://127.0.0.1:" + port);
    }

    /** A client of {@code http://127.0.0.1:port} that upgrades its first request to h2c. */
    public static H2Client cleartext(int port)
    {
        return cleartext(port, HttpClient.Version.HTTP_2);
    }

    /** The whole response to {@code GET path}, headers given as name, value pairs. */
    public HttpResponse<String> get(String path, String... headers) throws Exception
    {
        return client.send(request(path, headers), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET path} sent now, answered later (a long-poll). */
    public CompletableFuture<HttpResponse<String>> getLater(String path)
    {
        return client.sendAsync(request(path), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a stream at {@code path}, waiting for its head. */
    public Lines open(String path) throws Exception
    {
        HttpResponse<InputStream> response = client.sendAsync(request(path), HttpResponse.BodyHandlers.ofInputStream())
            .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return new Lines(response);
    }

    private HttpRequest request(String path, String... headers)
    {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2)
            builder.header(headers[i], headers[i + 1]);
        return builder.GET().build();
    }

    /** A held response read line by line. */
    public static final class Lines implements AutoCloseable
    {
        private final HttpResponse<InputStream> response;
        private final BufferedReader reader;

        Lines(HttpResponse<InputStream> response)
        {
            this.response = response;
            this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        }

        public HttpResponse<InputStream> response()
        {
            return response;
        }

        /** The next line, waiting at most twenty seconds for it. */
        public String next() throws Exception
        {
            return CompletableFuture.supplyAsync(() ->
            {
                try
                {
                    return reader.readLine();
                }
                catch (IOException e)
                {
                    throw new UncheckedIOException(e);
                }
            }, READERS).get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws Exception
        {
            response.body().close();
        }
    }
}
