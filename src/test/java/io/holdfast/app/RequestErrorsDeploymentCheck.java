// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.holdfast.testing.RawHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client's broken request in a deployed WAR ({@link WarDeploymentIT}). Each container reads a
 * request body its own way. Jetty reports a bad chunk and a body cut short alike, as an early EOF,
 * and Holdfast answers {@code 400}. Tomcat takes the answer over itself when a read fails
 * ({@code InputBuffer} calls {@code sendError(400)}): after a bad chunk, which its
 * {@code ChunkedInputFilter} throws on, it closed the connection without a response (as Pushpin
 * does), after an early EOF it sent its own {@code 400} page. Neither may answer
 * {@code 502}, the origin's failure. The container's routes send every path to an origin that
 * reads request bodies.
 */
final class RequestErrorsDeploymentCheck
{
    private RequestErrorsDeploymentCheck()
    {
    }

    static void exercise(int http) throws IOException
    {
        boolean tomcat;
        try (RawHttp client = new RawHttp(http, 20_000))
        {
            // Over the default holdfast.request.max.body (100 MiB): refused before anything is read.
            send(client, "Content-Length: 200000000", "");
            RawHttp.Head head = assertClientError(client, 413, "Request Entity Too Large", "Request body too large.\n");
            // Tomcat never sends a reason phrase.
            tomcat = head.statusLine().trim().equals("HTTP/1.1 413");
        }
        try (RawHttp client = new RawHttp(http, 20_000))
        {
            send(client, "Transfer-Encoding: chunked", "ZZZ\r\nhello\r\n0\r\n\r\n");
            if (tomcat)
                assertTomcatsAnswer(client);
            else
                assertClientError(client, 400, "Bad Request", "Failed to parse request body.\n");
        }
        try (RawHttp client = new RawHttp(http, 20_000))
        {
            send(client, "Content-Length: 10", "hello");
            client.shutdownOutput();
            if (tomcat)
                assertTomcatsAnswer(client);
            else
                assertClientError(client, 400, "Bad Request", "Failed to parse request body.\n");
        }
    }

    /** Tomcat's own 400 page, or (after a bad chunk) a close without any response. */
    private static void assertTomcatsAnswer(RawHttp client) throws IOException
    {
        RawHttp.Head head = client.readHeadUnlessClosed();
        if (head == null)
            return;
        assertEquals(400, head.status(), head.statusLine());
        assertEquals("close", head.header("Connection"));
    }

    private static void send(RawHttp client, String framing, String body) throws IOException
    {
        String request = "POST /request-errors HTTP/1.1\r\nHost: example.com\r\n" + framing + "\r\n\r\n" + body;
        client.output().write(request.getBytes(StandardCharsets.US_ASCII));
        client.output().flush();
    }

    private static RawHttp.Head assertClientError(RawHttp client, int status, String reason, String body)
        throws IOException
    {
        RawHttp.Head head = client.readHead();
        assertEquals(status, head.status(), head.statusLine());
        String sentReason = head.statusLine().substring("HTTP/1.1 000".length()).trim();
        assertTrue(sentReason.isEmpty() || sentReason.equals(reason), head.statusLine());
        assertEquals(body, client.readBody(head));
        assertEquals("close", head.header("Connection"));
        assertTrue(client.closedByPeer(), "the connection is closed after a client error");
        return head;
    }
}
