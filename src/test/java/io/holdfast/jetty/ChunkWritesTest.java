// SPDX-License-Identifier: Apache-2.0
package io.holdfast.jetty;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ChunkWrites} on a real Jetty connection made by {@link HoldfastConnectionFactory}: chunks
 * written below the container, between Jetty's head and Jetty's last chunk, are whole and framed
 * as Jetty frames them; it declines, writing nothing, where a chunk does not belong.
 */
class ChunkWritesTest
{
    private static final String DATA = "abcdefghijklmnopqrstuvwxyz";

    private final List<String> declined = new CopyOnWriteArrayList<>();
    private Server server;
    private int port;

    @BeforeEach
    void start() throws Exception
    {
        server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1, new HoldfastConnectionFactory());
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract()
        {
            @Override
            public boolean handle(Request request, Response response, Callback callback)
            {
                @SuppressWarnings("unchecked")
                BiPredicate<ByteBuffer, Consumer<Throwable>> writes =
                    (BiPredicate<ByteBuffer, Consumer<Throwable>>)request.getAttribute(ChunkWrites.ATTRIBUTE);
                if (writes == null)
                {
                    declined.add("no writer");
                    response.write(true, BufferUtil.toBuffer("plain"), callback);
                    return true;
                }
                if (writes.test(BufferUtil.toBuffer("early"), failure -> { }))
                    declined.add("wrote before the head");
                Runnable afterHead = () ->
                {
                    if (!writes.test(BufferUtil.toBuffer("hello\n"), failure -> afterFirst(writes, callback, failure)))
                    {
                        declined.add("declined");
                        response.write(true, BufferUtil.toBuffer("rest"), callback);
                    }
                };
                // The head and a first chunk by Jetty (or on /head by the connection, on this thread),
                // then chunks by the connection, then Jetty's end.
                if (request.getHttpURI().getPath().equals("/head"))
                {
                    @SuppressWarnings("unchecked")
                    BiPredicate<ByteBuffer, Consumer<Throwable>> head =
                        (BiPredicate<ByteBuffer, Consumer<Throwable>>)request.getAttribute(ChunkWrites.HEAD_ATTRIBUTE);
                    Thread caller = Thread.currentThread();
                    boolean taken = head.test(BufferUtil.toBuffer("jetty\n"), failure ->
                    {
                        if (Thread.currentThread() != caller)
                            declined.add("head written later");
                        if (failure != null)
                            callback.failed(failure);
                        else if (head.test(BufferUtil.toBuffer("twice"), f -> { }))
                            declined.add("wrote a second head");
                        else
                            afterHead.run();
                    });
                    if (!taken)
                        declined.add("head declined");
                    return true;
                }
                response.write(false, BufferUtil.toBuffer("jetty\n"), Callback.from(afterHead, callback::failed));
                return true;
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    private void afterFirst(BiPredicate<ByteBuffer, Consumer<Throwable>> writes, Callback callback, Throwable failure)
    {
        if (failure != null)
        {
            callback.failed(failure);
            return;
        }
        if (writes.test(ByteBuffer.allocate(0), f -> { }))
            declined.add("wrote an empty chunk");
        // Upper-case hex, as Jetty's own size lines.
        writes.test(BufferUtil.toBuffer(DATA), second ->
        {
            if (second == null)
                callback.succeeded();
            else
                callback.failed(second);
        });
    }

    @AfterEach
    void stop() throws Exception
    {
        server.stop();
    }

    @Test
    void chunksGoOutWholeBetweenJettysHeadAndItsLastChunk() throws Exception
    {
        String response = exchange("GET /s HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        assertTrue(response.contains("\r\nTransfer-Encoding: chunked\r\n"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertEquals("6\r\njetty\n\r\n6\r\nhello\n\r\n1A\r\n" + DATA + "\r\n0\r\n\r\n", body);
        assertEquals(List.of(), declined);
    }

    @Test
    void theConnectionWritesTheHeadWithTheFirstContentOnTheCallersThreadOnce() throws Exception
    {
        String response = exchange("GET /head HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(exchange("GET /s HTTP/1.1\r\nHost: x\r\n\r\n").replaceFirst("Date: [^\r]*", ""),
            response.replaceFirst("Date: [^\r]*", ""), "the same bytes as when Jetty's output writes the head");
        assertEquals(List.of(), declined);
    }

    @Test
    void aHeadWrittenByTheConnectionForHttp10IsNotChunkedSoLaterChunksAreDeclined() throws Exception
    {
        assertDeclinedAndEndedByClosing("GET /head HTTP/1.0\r\nHost: x\r\n\r\n");
    }

    @Test
    void anHttp10ResponseIsNotChunkedSoItIsDeclined() throws Exception
    {
        assertDeclinedAndEndedByClosing("GET /s HTTP/1.0\r\nHost: x\r\n\r\n");
    }

    @Test
    void aResponseEndedByClosingIsNotChunkedSoItIsDeclined() throws Exception
    {
        assertDeclinedAndEndedByClosing("GET /s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    // Not chunked: the writer declines, and Jetty writes the rest of a body that ends when the connection does.
    private void assertDeclinedAndEndedByClosing(String request) throws Exception
    {
        String response = exchange(request);
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n") && !response.contains("chunked"), response);
        assertTrue(response.endsWith("\r\n\r\njetty\nrest"), response);
        assertEquals(List.of("declined"), declined);
    }

    @Test
    void aHeadRequestHasNoWriter() throws Exception
    {
        String response = exchange("HEAD /s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n") && response.endsWith("\r\n\r\n"), response);
        assertEquals(List.of("no writer"), declined);
    }

    private String exchange(String request) throws Exception
    {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port))
        {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // Until the server closes, or a chunked body's last chunk (the connection stays open).
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) > 0; )
            {
                read.write(buffer, 0, n);
                if (read.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n"))
                    break;
            }
            return read.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
