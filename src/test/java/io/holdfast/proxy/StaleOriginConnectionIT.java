// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.RawHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An origin that closes a kept-alive connection just as the proxy sends the next request on it:
 * the race every keep-alive server has with its proxy when it drops idle connections (Node.js
 * after 5 s, the JDK's server past 200 idle). A request the origin never saw is sent again on a
 * new connection when repeating it is harmless; otherwise the client gets the 502.
 */
class StaleOriginConnectionIT
{
    private ServerSocket origin;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger connections = new AtomicInteger();
    /** The request line of every request the origin read, whichever connection it came on. */
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private HoldfastServer holdfast;

    @BeforeEach
    void start() throws Exception
    {
        origin = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
        holdfast = HoldfastServer.start(Map.of("holdfast.routes", "* 127.0.0.1:" + origin.getLocalPort()));
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
        origin.close();
        threads.shutdownNow();
    }

    @Test
    void aGetOnAConnectionTheOriginClosedIsSentAgainOnANewOne() throws Exception
    {
        assertEquals("answer 1", get("/first"));
        // Until a request meets the connection the origin closes: on a loaded machine the pool may not
        // have the first connection back yet, and a request then goes out on a fresh one.
        for (int attempt = 1; attempt <= 5; attempt++)
        {
            String path = "/next-" + attempt;
            try (RawHttp client = new RawHttp(holdfast.port()))
            {
                RawHttp.Head head = client.get(path).readHead();
                assertEquals(200, head.status(), "answered, on the first try or on a new connection");
                client.readBody(head);
            }
            if (seen("GET " + path + " ") == 2)
                return;
        }
        throw new AssertionError("no request met a connection the origin had closed: " + requestLines);
    }

    @Test
    void aPostIsNotSentTwice() throws Exception
    {
        assertEquals("answer 1", get("/first"));
        for (int attempt = 1; attempt <= 5; attempt++)
        {
            String path = "/order-" + attempt;
            int status;
            try (RawHttp client = new RawHttp(holdfast.port()))
            {
                client.send("POST", path, "x".getBytes(StandardCharsets.US_ASCII));
                RawHttp.Head head = client.readHead();
                status = head.status();
                client.readBody(head);
            }
            assertEquals(1, seen("POST " + path + " "), "the origin may have taken the POST: it is not repeated");
            if (status == 502)
                return;
        }
        throw new AssertionError("no POST met a connection the origin had closed: " + requestLines);
    }

    private long seen(String requestLineStart)
    {
        return requestLines.stream().filter(line -> line.startsWith(requestLineStart)).count();
    }

    private String get(String path) throws IOException
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get(path).readHead();
            assertEquals(200, head.status());
            return client.readBody(head);
        }
    }

    // Each connection answers its first request and keeps alive, then closes on reading the next.
    private void accept()
    {
        while (!origin.isClosed())
        {
            try
            {
                Socket connection = origin.accept();
                int number = connections.incrementAndGet();
                threads.execute(() -> serve(connection, number));
            }
            catch (IOException closed)
            {
                return;
            }
        }
    }

    private void serve(Socket connection, int number)
    {
        try (connection)
        {
            InputStream in = connection.getInputStream();
            requestLines.add(readHead(in));
            String body = "answer " + number;
            connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            requestLines.add(readHead(in));
        }
        catch (IOException gone)
        {
            // the proxy closed first
        }
    }

    /** Reads a request head; returns its request line. */
    private static String readHead(InputStream in) throws IOException
    {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n"))
        {
            int b = in.read();
            if (b < 0)
                throw new IOException("closed");
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n"));
    }
}
