// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.holdfast.testing.Await;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.LogLines;
import io.holdfast.testing.RawHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that send a broken request: a malformed chunked body, a body cut short or stalled, one
 * over {@code holdfast.request.max.body}, a head over the container's limit. Each is the client's
 * error (a 4xx, logged as {@code client error}, never as the origin's), and the origin, which reads
 * bodies as they arrive, never sees a complete request and never waits for the rest of one.
 */
class RequestErrorsIT
{
    private static final long MAX_BODY = 1000;
    private static final String TARGET = "127.0.0.1:";

    private BodyReadingOrigin origin;
    private HoldfastServer holdfast;

    @BeforeAll
    static void keepLogLines()
    {
        LogLines.install();
    }

    @BeforeEach
    void start() throws Exception
    {
        origin = new BodyReadingOrigin();
        holdfast = startHoldfast(Map.of());
    }

    private HoldfastServer startHoldfast(Map<String, String> extra) throws Exception
    {
        Map<String, String> settings = new HashMap<>(Map.of("holdfast.routes", "* " + TARGET + origin.port(),
            "holdfast.request.max.body", Long.toString(MAX_BODY), "holdfast.log.flush", "0"));
        settings.putAll(extra);
        return HoldfastServer.start(settings);
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
        origin.close();
    }

    /** A size line that is not hex, chunk data longer than its size, and shorter (CRLF written as \r\n). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/errors/chunk-size  | ZZZ\\r\\nhello\\r\\n0\\r\\n\\r\\n",
        "/errors/chunk-long  | 5\\r\\nhello, world\\r\\n0\\r\\n\\r\\n",
        "/errors/chunk-short | 9\\r\\nhello\\r\\n0\\r\\n\\r\\n"})
    void aMalformedChunkedBodyIs400(String path, String body) throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            sendChunked(client, path, body.replace("\\r\\n", "\r\n"));
            assertClientError(client, "HTTP/1.1 400 Bad Request", "Failed to parse request body.\n");
        }
        BodyReadingOrigin.Seen failed = assertOriginCutOff(path);
        assertLogged(path, "code=400 client error: bad request body (HttpEofException: Early EOF)");
        assertOriginStillServes(failed);
    }

    @Test
    void aBadBodyAfterTheOriginAnsweredIsStillTheClientsError() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            sendHead(client, BodyReadingOrigin.ANSWER_FIRST, "Transfer-Encoding: chunked");
            RawHttp.Head head = client.readHead();
            assertEquals(200, head.status());
            assertEquals("ok\n", client.readBody(head));
            client.output().write("ZZZ\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.output().flush();
            assertTrue(client.closedByPeer(), "the rest of the request cannot be read: the connection goes");
        }
        assertOriginCutOff(BodyReadingOrigin.ANSWER_FIRST);
        assertLogged(BodyReadingOrigin.ANSWER_FIRST, "code=200 3 client error: bad request body (HttpEofException: Early EOF)");
    }

    @Test
    void aBodyCutShortByTheClientClosingIs400() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            sendHead(client, "/errors/fin", "Content-Length: 10");
            client.output().write("hello".getBytes(StandardCharsets.US_ASCII));
            client.output().flush();
            origin.awaitBodyBytes(5);
            client.shutdownOutput();
            assertClientError(client, "HTTP/1.1 400 Bad Request", "Failed to parse request body.\n");
        }
        assertOriginCutOff("/errors/fin");
        assertLogged("/errors/fin", "code=400 client error: bad request body (HttpEofException: Early EOF)");
    }

    @Test
    void aBodyCutShortByAResetAbortsTheOriginRequest() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            sendHead(client, "/errors/reset", "Content-Length: 10");
            client.output().write("hello".getBytes(StandardCharsets.US_ASCII));
            client.output().flush();
            origin.awaitBodyBytes(5);
            client.reset();
        }
        BodyReadingOrigin.Seen failed = assertOriginCutOff("/errors/reset");
        // Nothing can be written to a reset connection: the log still says whose fault it was.
        assertLogged("/errors/reset", "client error: bad request body");
        assertOriginStillServes(failed);
    }

    @Test
    void aBodyThatStallsIs408AfterTheIdleTimeout() throws Exception
    {
        holdfast.close();
        holdfast = startHoldfast(Map.of("holdfast.http.idle.timeout", "500"));
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            sendHead(client, "/errors/stall", "Content-Length: 10");
            client.output().write("hello".getBytes(StandardCharsets.US_ASCII));
            client.output().flush();
            long start = System.nanoTime();
            assertClientError(client, "HTTP/1.1 408 Request Timeout", "Request body timed out.\n");
            long waited = System.nanoTime() - start;
            assertTrue(waited < Duration.ofSeconds(3).toNanos(), "408 after " + Duration.ofNanos(waited).toMillis() + " ms");
        }
        assertOriginCutOff("/errors/stall");
        assertLogged("/errors/stall", "code=408 client error: request body timed out (TimeoutException: Idle timeout expired");
    }

    @Test
    void aBodyThatStallsIs408EvenWhenTheOriginConnectionTimesOutFirst() throws Exception
    {
        // The two idle timeouts race (30 s each by default); here the origin's is sure to fire first.
        holdfast.close();
        holdfast = startHoldfast(Map.of("holdfast.http.idle.timeout", "10000", "holdfast.origin.idle.timeout", "500"));
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            sendHead(client, "/errors/stall-origin-first", "Content-Length: 10");
            client.output().write("hello".getBytes(StandardCharsets.US_ASCII));
            client.output().flush();
            assertClientError(client, "HTTP/1.1 408 Request Timeout", "Request body timed out.\n");
        }
        assertOriginCutOff("/errors/stall-origin-first");
        assertLogged("/errors/stall-origin-first",
            "code=408 client error: request body timed out (the origin connection idled waiting for it: TimeoutException");
    }

    @Test
    void aChunkedBodyGrowingOverTheLimitIs413() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            sendHead(client, "/errors/chunked-large", "Transfer-Encoding: chunked");
            String chunk = "1f4\r\n" + "x".repeat(500) + "\r\n";
            client.output().write(chunk.getBytes(StandardCharsets.US_ASCII));
            client.output().flush();
            origin.awaitBodyBytes(500);
            // Past the limit, and never finished: the 413 must not wait for the end of the body.
            client.output().write((chunk + chunk).getBytes(StandardCharsets.US_ASCII));
            client.output().flush();
            assertClientError(client, "HTTP/1.1 413 Request Entity Too Large", "Request body too large.\n");
        }
        BodyReadingOrigin.Seen failed = assertOriginCutOff("/errors/chunked-large");
        assertLogged("/errors/chunked-large", "code=413 client error: request body too large (over 1000 bytes)");
        assertOriginStillServes(failed);
    }

    @Test
    void aContentLengthOverTheLimitIs413AndNeverReachesTheOrigin() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            sendHead(client, "/errors/length-large", "Content-Length: " + (MAX_BODY + 1));
            assertClientError(client, "HTTP/1.1 413 Request Entity Too Large", "Request body too large.\n");
        }
        assertLogged("/errors/length-large", "code=413 client error: request body too large (over 1000 bytes)");
        assertNull(origin.poll(200), "the origin is not asked");
    }

    @Test
    void aHeadOverTheContainersLimitIs431AndLogged() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.get("/errors/large-head", "X-Big: " + "x".repeat(20_000));
            RawHttp.Head head = client.readHead();
            // The container answers before the webapp sees the request; Holdfast's connection logs it.
            assertEquals("HTTP/1.1 431 Request Header Fields Too Large", head.statusLine());
            assertTrue(head.header("Content-Type").startsWith("text/plain"), head.header("Content-Type"));
            assertTrue(client.readBody(head).startsWith("HTTP ERROR 431 Request Header Fields Too Large\n"));
        }
        assertNull(origin.poll(200), "the origin is not asked");
        LogLines.await("GET /errors/large-head -> code=431 client error: bad request head (Request Header Fields Too Large)");
    }

    @Test
    void aMalformedHeadIs400AndLogged() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.output().write("GET /errors/bad-head HTTP/1.1\r\nHost example.com\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Head head = client.readHead();
            assertEquals("HTTP/1.1 400 Bad Request", head.statusLine());
            assertEquals("close", head.header("Connection"));
            assertTrue(client.readBody(head).startsWith("HTTP ERROR 400 Illegal character"));
        }
        assertNull(origin.poll(200), "the origin is not asked");
        LogLines.await("GET /errors/bad-head -> code=400 client error: bad request head (Illegal character");
    }

    private static void sendHead(RawHttp client, String path, String... headers) throws IOException
    {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: example.com\r\n");
        for (String header : headers)
            head.append(header).append("\r\n");
        client.output().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        client.output().flush();
    }

    private static void sendChunked(RawHttp client, String path, String body) throws IOException
    {
        sendHead(client, path, "Transfer-Encoding: chunked");
        client.output().write(body.getBytes(StandardCharsets.US_ASCII));
        client.output().flush();
    }

    /** The proxy's own terse answer, after which it closes the connection. */
    private static void assertClientError(RawHttp client, String statusLine, String body) throws IOException
    {
        RawHttp.Head head = client.readHead();
        assertEquals(statusLine, head.statusLine());
        assertEquals("text/plain", head.header("Content-Type"));
        assertEquals("close", head.header("Connection"));
        assertEquals(body, client.readBody(head));
        assertTrue(client.closedByPeer(), "the connection is closed after the error");
    }

    /** The origin got the request's head, then its connection ended before the body did. */
    private BodyReadingOrigin.Seen assertOriginCutOff(String path) throws InterruptedException
    {
        BodyReadingOrigin.Seen seen = origin.take();
        assertTrue(seen.head().startsWith("POST " + path + " "), seen.head());
        assertNotEquals(BodyReadingOrigin.Outcome.COMPLETE, seen.outcome(), "the origin got a whole request");
        assertNotEquals(BodyReadingOrigin.Outcome.STALLED, seen.outcome(), "the origin was left waiting for the body");
        return seen;
    }

    private static void assertLogged(String path, String words)
    {
        String line = LogLines.await("POST http://example.com" + path + " -> ", words);
        assertTrue(line.contains(" -> 127.0.0.1:"), line);
        assertEquals(0, LogLines.matching(path, "code=50").size(), "logged as the origin's failure: " + line);
    }

    /** A good request after a failed one reaches the origin whole, on another connection. */
    private void assertOriginStillServes(BodyReadingOrigin.Seen failed) throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.send("POST", "/errors/after", "fine".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Head head = client.readHead();
            assertEquals(200, head.status());
            assertEquals("ok\n", client.readBody(head));
        }
        BodyReadingOrigin.Seen seen = origin.take();
        assertEquals(BodyReadingOrigin.Outcome.COMPLETE, seen.outcome());
        assertEquals("fine", new String(seen.body(), StandardCharsets.US_ASCII));
        assertNotEquals(failed.connection(), seen.connection(), "the failed request's connection was not reused");
    }

    /**
     * An origin on a plain socket that reads each request's body as it arrives (by
     * {@code Content-Length} or chunked) and records how each request ended: whole, cut off by a
     * close or reset, or stalled past {@link #STALL_MILLIS}. A whole request is answered
     * {@code 200 ok}, and the connection is kept for the next one; {@link #ANSWER_FIRST} is answered
     * before its body is read.
     */
    static final class BodyReadingOrigin implements AutoCloseable
    {
        static final int STALL_MILLIS = 10_000;
        /** A path answered as soon as its head arrives, before the body is read. */
        static final String ANSWER_FIRST = "/errors/answer-first";

        enum Outcome { COMPLETE, CLOSED, RESET, STALLED }

        record Seen(int connection, String head, byte[] body, Outcome outcome)
        {
        }

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger bodyBytes = new AtomicInteger();
        private final Thread acceptor = new Thread(this::accept, "body-reading-origin");

        BodyReadingOrigin() throws IOException
        {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port()
        {
            return server.getLocalPort();
        }

        Seen take() throws InterruptedException
        {
            Seen next = seen.poll(STALL_MILLIS + 5000, TimeUnit.MILLISECONDS);
            if (next == null)
                throw new AssertionError("the origin saw no request end");
            return next;
        }

        Seen poll(long millis) throws InterruptedException
        {
            return seen.poll(millis, TimeUnit.MILLISECONDS);
        }

        /** Waits until the origin has read {@code n} body bytes in all, so the proxy is mid-request. */
        void awaitBodyBytes(int n)
        {
            Await.until("the origin read " + n + " body bytes", Duration.ofSeconds(5), () -> bodyBytes.get() >= n);
        }

        private void accept()
        {
            while (!server.isClosed())
            {
                try
                {
                    Socket socket = server.accept();
                    int id = connections.incrementAndGet();
                    Thread connection = new Thread(() -> serve(socket, id), "body-reading-origin-" + id);
                    connection.setDaemon(true);
                    connection.start();
                }
                catch (IOException closed)
                {
                    return;
                }
            }
        }

        private void serve(Socket socket, int id)
        {
            try (socket)
            {
                socket.setSoTimeout(STALL_MILLIS);
                InputStream in = socket.getInputStream();
                while (true)
                {
                    String head;
                    try
                    {
                        head = readHead(in);
                    }
                    catch (IOException idleOrClosed)
                    {
                        return;
                    }
                    boolean answerFirst = head.contains(" " + ANSWER_FIRST + " ");
                    if (answerFirst)
                        answer(socket);
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    Outcome outcome = readBody(in, head, body);
                    seen.add(new Seen(id, head, body.toByteArray(), outcome));
                    if (outcome != Outcome.COMPLETE || answerFirst)
                        return;
                    answer(socket);
                }
            }
            catch (IOException ignored)
            {
                // the proxy went away
            }
        }

        private static void answer(Socket socket) throws IOException
        {
            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n"
                .getBytes(StandardCharsets.US_ASCII));
        }

        private Outcome readBody(InputStream in, String head, ByteArrayOutputStream body)
        {
            try
            {
                String lower = head.toLowerCase(Locale.ROOT);
                if (lower.contains("\ntransfer-encoding: chunked"))
                {
                    for (int size = chunkSize(in); size > 0; size = chunkSize(in))
                    {
                        copy(in, size, body);
                        readLine(in);
                    }
                    while (!readLine(in).isEmpty())
                    {
                        // trailers
                    }
                }
                else
                {
                    int at = lower.indexOf("\ncontent-length: ");
                    if (at >= 0)
                        copy(in, Integer.parseInt(lower.substring(at + 17, lower.indexOf('\r', at)).trim()), body);
                }
                return Outcome.COMPLETE;
            }
            catch (SocketTimeoutException e)
            {
                return Outcome.STALLED;
            }
            catch (EOFException e)
            {
                return Outcome.CLOSED;
            }
            catch (IOException e)
            {
                return Outcome.RESET;
            }
        }

        private void copy(InputStream in, int length, ByteArrayOutputStream body) throws IOException
        {
            for (int i = 0; i < length; i++)
            {
                body.write(read(in));
                bodyBytes.incrementAndGet();
            }
        }

        private static int chunkSize(InputStream in) throws IOException
        {
            return Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
        }

        private static String readHead(InputStream in) throws IOException
        {
            StringBuilder head = new StringBuilder();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in))
                head.append(line).append("\r\n");
            return head.toString();
        }

        private static String readLine(InputStream in) throws IOException
        {
            StringBuilder line = new StringBuilder();
            for (int b = read(in); b != '\n'; b = read(in))
            {
                if (b != '\r')
                    line.append((char)b);
            }
            return line.toString();
        }

        private static int read(InputStream in) throws IOException
        {
            int b = in.read();
            if (b < 0)
                throw new EOFException();
            return b;
        }

        @Override
        public void close() throws IOException
        {
            server.close();
        }
    }
}
