// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One client connection of the start-up warm-up: sends GET requests and reads until an expected
 * byte sequence has arrived, never past a deadline. Not thread-safe.
 */
final class WarmUpClient implements AutoCloseable
{
    /** Where an HTTP message's head ends. */
    static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final long deadlineNanos;
    private final byte[] buffer = new byte[4096];

    private WarmUpClient(Socket socket, long deadlineNanos)
    {
        this.socket = socket;
        this.deadlineNanos = deadlineNanos;
    }

    static WarmUpClient connect(InetSocketAddress proxy, long deadlineNanos) throws IOException
    {
        Socket socket = new Socket();
        try
        {
            socket.connect(proxy, remainingMillis(deadlineNanos));
            return new WarmUpClient(socket, deadlineNanos);
        }
        catch (IOException e)
        {
            socket.close();
            throw e;
        }
    }

    /** Connects and sends {@code GET path}. */
    static WarmUpClient request(InetSocketAddress proxy, String host, String path, long deadlineNanos) throws IOException
    {
        WarmUpClient client = connect(proxy, deadlineNanos);
        try
        {
            client.send(host, path);
            return client;
        }
        catch (IOException e)
        {
            client.close();
            throw e;
        }
    }

    void send(String host, String path) throws IOException
    {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads until {@code expected} has arrived (the bytes before and after it are dropped). */
    void readUntil(byte[] expected) throws IOException
    {
        InputStream in = socket.getInputStream();
        int matched = 0;
        while (true)
        {
            socket.setSoTimeout(remainingMillis(deadlineNanos));
            int read;
            try
            {
                read = in.read(buffer);
            }
            catch (SocketTimeoutException e)
            {
                throw new IOException("no answer in time", e);
            }
            if (read < 0)
                throw new IOException("connection closed before the answer");
            for (int i = 0; i < read; i++)
            {
                matched = matched(expected, matched, buffer[i]);
                if (matched == expected.length)
                    return;
            }
        }
    }

    /**
     * How much of {@code marker} has arrived once {@code b} follows {@code matched} bytes of it.
     * Restarting at its first byte is exact for markers whose first byte does not recur inside them
     * but as a repeat of their start ({@link #HEAD_END}, the warm-up's item).
     */
    static int matched(byte[] marker, int matched, int b)
    {
        if (b == marker[matched])
            return matched + 1;
        return b == marker[0] ? 1 : 0;
    }

    private static int remainingMillis(long deadlineNanos) throws IOException
    {
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (left <= 0)
            throw new IOException("out of time");
        return (int)Math.min(left, Integer.MAX_VALUE);
    }

    @Override
    public void close()
    {
        close(false);
    }

    /** Closes with a reset ({@code reset}) or a FIN. */
    void close(boolean reset)
    {
        try
        {
            if (reset)
                socket.setSoLinger(true, 0);
            socket.close();
        }
        catch (IOException ignored)
        {
            // closed either way
        }
    }
}
