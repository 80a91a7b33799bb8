// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.testing.Await;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.TestKeystore;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.streamItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The commands docs/http2.md shows, run as written: {@code curl --http2-prior-knowledge} on the
 * plain port and {@code curl --http2 -k} on the TLS port hold a stream of the demo origin and
 * print a publish. curl's HTTP/2 library (nghttp2) refuses a response with a connection-specific
 * header, so this is also the strict client's view. Skipped where curl lacks HTTP/2.
 */
class Http2CurlIT
{
    @TempDir
    Path dir;
    private HoldfastServer holdfast;
    private Process curl;

    @BeforeAll
    static void curlSpeaksHttp2() throws Exception
    {
        Process version = new ProcessBuilder("curl", "-V").redirectErrorStream(true).start();
        String features = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        version.waitFor(10, TimeUnit.SECONDS);
        assumeTrue(features.contains("HTTP2"), "curl has no HTTP/2 here");
    }

    @BeforeEach
    void start() throws Exception
    {
        holdfast = HoldfastServer.start(TestKeystore.create(dir).settings());
    }

    @AfterEach
    void stop() throws Exception
    {
        if (curl != null)
            curl.destroy();
        holdfast.close();
    }

    @Test
    void priorKnowledgeOnThePlainPort() throws Exception
    {
        streamsAPublish("h2c", List.of("--http2-prior-knowledge", "http://127.0.0.1:" + holdfast.port() + "/stream?channel=h2c"));
    }

    @Test
    void upgradeOnThePlainPort() throws Exception
    {
        // The request arrives over HTTP/1.1 and its stream continues over HTTP/2: none of its chunks
        // may take the HTTP/1.1 connection's own write path (ConnectionWrites).
        String log = streamsAPublish("upgraded", List.of("--http2", "http://127.0.0.1:" + holdfast.port() + "/stream?channel=upgraded"));
        assertTrue(log.contains("Upgrade: h2c"), log);
    }

    @Test
    void alpnOnTheTlsPort() throws Exception
    {
        String log = streamsAPublish("h2", List.of("--http2", "-k", "https://127.0.0.1:" + holdfast.httpsPort() + "/stream?channel=h2"));
        assertTrue(log.contains("ALPN: server accepted h2"), log);
    }

    /** Runs curl on a stream of {@code channel}, publishes to it, and returns curl's verbose log. */
    private String streamsAPublish(String channel, List<String> arguments) throws Exception
    {
        Path log = dir.resolve("curl-" + channel + ".log");
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-N", "-v", "--max-time", "30"));
        command.addAll(arguments);
        curl = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(curl.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("[stream opened]", line(out), () -> read(log));
        Await.until("the stream is held", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount(channel) == 1);
        new Publisher(holdfast.controlPort()).publish(items(streamItem(channel, "pushed over " + channel + "\n")));
        assertEquals("pushed over " + channel, line(out), () -> read(log));
        String verbose = read(log);
        assertTrue(verbose.contains("< HTTP/2 200"), verbose);
        return verbose;
    }

    private static String line(BufferedReader out) throws Exception
    {
        return CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return out.readLine();
            }
            catch (IOException e)
            {
                return "(" + e + ")";
            }
        }).get(10, TimeUnit.SECONDS);
    }

    private static String read(Path log)
    {
        try
        {
            return Files.readString(log);
        }
        catch (IOException e)
        {
            return "(no log: " + e + ")";
        }
    }
}
