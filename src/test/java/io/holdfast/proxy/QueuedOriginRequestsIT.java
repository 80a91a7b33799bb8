// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.RawHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Requests queued for an origin while a new connection to it fails to open. The origin here takes
 * one connection and then stops listening, so every further connect is refused, while the one
 * connection goes on serving. Jetty's client would fail every queued request with the refused
 * connect; they wait for the open connection instead (see {@link OriginDestination}).
 */
class QueuedOriginRequestsIT
{
    private ServerSocket origin;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<String> paths = new LinkedBlockingQueue<>();
    private final CountDownLatch answerFirst = new CountDownLatch(1);
    private HoldfastServer holdfast;

    @BeforeEach
    void start() throws Exception
    {
        origin = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::serveOneConnection);
        holdfast = HoldfastServer.start(Map.of("holdfast.routes", "* 127.0.0.1:" + origin.getLocalPort()));
    }

    @AfterEach
    void stop() throws Exception
    {
        answerFirst.countDown();
        holdfast.close();
        origin.close();
        threads.shutdownNow();
    }

    @Test
    void requestsQueuedBehindARefusedConnectWaitForTheOpenConnection() throws Exception
    {
        try (RawHttp first = new RawHttp(holdfast.port());
             RawHttp second = new RawHttp(holdfast.port(), 20_000);
             RawHttp third = new RawHttp(holdfast.port(), 20_000))
        {
            first.get("/first");
            assertEquals("/first", paths.poll(20, TimeUnit.SECONDS), "the origin is busy with the first request");
            // The one connection is busy: these queue, and the connection opened for them is refused.
            second.get("/second");
            third.get("/third");
            second.setReadTimeout(700);
            assertThrows(SocketTimeoutException.class, second::readHead, "no 502 for a request that can still be served");
            second.setReadTimeout(20_000);
            answerFirst.countDown();
            assertAnswered(first, "/first");
            assertAnswered(second, "/second");
            assertAnswered(third, "/third");
        }
    }

    private static void assertAnswered(RawHttp client, String path) throws IOException
    {
        RawHttp.Head head = client.readHead();
        assertEquals(200, head.status(), path);
        assertEquals("answer " + path, client.readBody(head));
    }

    /** Accepts one connection, stops listening, and answers each request on it in turn (the first once let). */
    private void serveOneConnection()
    {
        try (Socket connection = origin.accept())
        {
            origin.close();
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = connection.getOutputStream();
            String requestLine;
            while ((requestLine = in.readLine()) != null)
            {
                while (!in.readLine().isEmpty())
                {
                    // headers: a GET has no body
                }
                String path = requestLine.split(" ")[1];
                paths.add(path);
                if (path.equals("/first"))
                    answerFirst.await();
                byte[] body = ("answer " + path).getBytes(StandardCharsets.ISO_8859_1);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            }
        }
        catch (IOException | InterruptedException ended)
        {
            // the test is over
        }
    }
}
