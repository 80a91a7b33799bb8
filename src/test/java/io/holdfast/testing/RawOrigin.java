// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An origin that answers with exactly the bytes a test gives it, header spelling and whitespace
 * included, which the JDK's server normalises ({@code Content-type}); for tests that compare what
 * the client gets with what the origin sent. Reads the request head, ignores any body, writes the
 * answer registered for the path (without query) and closes the connection.
 */
public final class RawOrigin implements AutoCloseable
{
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();

    public RawOrigin() throws IOException
    {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public int port()
    {
        return server.getLocalPort();
    }

    /** Answers {@code path} with this status line, these header lines (as written) and body. */
    public RawOrigin on(String path, String statusLine, java.util.List<String> headerLines, String body)
    {
        String head = statusLine + "\r\n" + String.join("\r\n", headerLines) + "\r\nContent-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n";
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        answer.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        answer.writeBytes(body.getBytes(StandardCharsets.UTF_8));
        answers.put(path, answer.toByteArray());
        return this;
    }

    private void accept()
    {
        while (!server.isClosed())
        {
            try
            {
                Socket connection = server.accept();
                threads.execute(() -> answer(connection));
            }
            catch (IOException closed)
            {
                return;
            }
        }
    }

    private void answer(Socket connection)
    {
        try (connection)
        {
            String path = requestPath(connection.getInputStream());
            byte[] answer = answers.get(path);
            connection.getOutputStream().write(answer != null ? answer
                : "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        catch (IOException gone)
        {
            // the proxy went away; nothing to answer
        }
    }

    private static String requestPath(InputStream in) throws IOException
    {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        // Up to the blank line that ends the head: CR LF CR LF.
        for (int matched = 0, b; matched < 4 && (b = in.read()) >= 0; )
        {
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        String target = head.toString(StandardCharsets.ISO_8859_1).split(" ", 3)[1];
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    @Override
    public void close() throws IOException
    {
        server.close();
        threads.shutdownNow();
    }
}
