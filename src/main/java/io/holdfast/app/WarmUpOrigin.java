// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * The origin of the start-up warm-up, on a loopback port of its own: {@code GET /stream/CH} holds
 * a stream and {@code GET /response/CH} a long-poll on channel {@code CH}, anything else is a plain
 * 200. Its answers are what a GRIP origin sends, so the proxy's HTTP client and acceptor take the
 * same path as for a real one. Keep-alive, one thread per connection (the warm-up opens few).
 * Lifecycle: {@link #start()}, then {@link #close()}, which closes every connection.
 */
final class WarmUpOrigin implements AutoCloseable
{
    private static final int MAX_HEAD = 8192;
    private static final int BACKLOG = 1024;

    private final ServerSocket listener;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ThreadFactory threads = HoldfastListener.daemon("holdfast-warmup-origin");

    private WarmUpOrigin(ServerSocket listener)
    {
        this.listener = listener;
    }

    static WarmUpOrigin start() throws IOException
    {
        ServerSocket listener = new ServerSocket();
        // The proxy opens up to a round's worth of connections at once: a short queue would drop
        // SYNs, and each retry costs a second or more.
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        WarmUpOrigin origin = new WarmUpOrigin(listener);
        origin.threads.newThread(origin::accept).start();
        return origin;
    }

    int port()
    {
        return listener.getLocalPort();
    }

    private void accept()
    {
        while (!listener.isClosed())
        {
            try
            {
                Socket connection = listener.accept();
                connections.add(connection);
                threads.newThread(() -> serve(connection)).start();
            }
            catch (IOException closed)
            {
                return;
            }
        }
    }

    private void serve(Socket connection)
    {
        try (connection; InputStream in = new BufferedInputStream(connection.getInputStream());
             OutputStream out = connection.getOutputStream())
        {
            String head;
            while ((head = readHead(in)) != null)
            {
                out.write(answer(head).getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
        catch (IOException | RuntimeException gone)
        {
            // the proxy closed the connection, or the warm-up is over
        }
        finally
        {
            connections.remove(connection);
        }
    }

    /** The response to a request whose head (request line and headers) is {@code head}. */
    static String answer(String head)
    {
        int start = head.indexOf(' ') + 1;
        String path = head.substring(start, head.indexOf(' ', start));
        String grip = "";
        if (path.startsWith("/stream/"))
            grip = "Grip-Hold: stream\r\nGrip-Channel: " + path.substring("/stream/".length()) + "\r\n";
        else if (path.startsWith("/response/"))
            grip = "Grip-Hold: response\r\nGrip-Channel: " + path.substring("/response/".length()) + "\r\n";
        String body = grip.isEmpty() ? "warm\n" : "";
        return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + grip + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** The next request's head, or null at the end of the connection; requests have no body. */
    private static String readHead(InputStream in) throws IOException
    {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0)
        {
            head.write(b);
            matched = WarmUpClient.matched(WarmUpClient.HEAD_END, matched, b);
            if (matched == WarmUpClient.HEAD_END.length)
                return head.toString(StandardCharsets.US_ASCII);
            if (head.size() > MAX_HEAD)
                throw new IOException("request head too large");
        }
        return null;
    }

    @Override
    public void close()
    {
        try
        {
            listener.close();
        }
        catch (IOException ignored)
        {
            // closing anyway
        }
        for (Socket connection : connections)
        {
            try
            {
                connection.close();
            }
            catch (IOException ignored)
            {
                // closing anyway
            }
        }
    }
}
