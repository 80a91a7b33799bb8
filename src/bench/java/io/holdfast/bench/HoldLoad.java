// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for {@code src/bench/cost.sh} (docs/performance.md, "Per hold set up"). Hold set-ups in a
 * closed loop: each of {@code IN_FLIGHT} threads opens a connection, asks for a stream, reads until
 * the origin's first body line has arrived, closes and starts again, for {@code SECONDS}; prints
 * the count and rate in wrk's words, so that cost.sh reads it as it reads wrk. Run as {@code java
 * io.holdfast.bench.HoldLoad URL SECONDS [IN_FLIGHT]}; the URL's path is a stream route of the
 * benchmark's origin ({@code /stream?ch=C}), the line read for is its body, {@code opened}. With
 * {@code hold} instead of {@code IN_FLIGHT} ({@code HoldLoad URL SECONDS hold N}), it opens N
 * streams instead, prints {@code held N} once all are open, and reads them on one thread until
 * {@code SECONDS} have passed, for a fan-out's cost.
 */
public final class HoldLoad
{
    private static final byte[] OPENED = "opened\n".getBytes(StandardCharsets.US_ASCII);

    private HoldLoad()
    {
    }

    public static void main(String[] args) throws Exception
    {
        URI url = URI.create(args[0]);
        long seconds = Long.parseLong(args[1]);
        byte[] request = ("GET " + url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery())
            + " HTTP/1.1\r\nHost: " + url.getAuthority() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        InetSocketAddress proxy = new InetSocketAddress(url.getHost(), url.getPort());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        if (args.length > 3 && args[2].equals("hold"))
        {
            hold(proxy, request, Integer.parseInt(args[3]), end);
            return;
        }
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        AtomicLong held = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < inFlight; i++)
        {
            threads.add(new Thread(() ->
            {
                while (System.nanoTime() < end)
                {
                    if (holdOnce(proxy, request))
                        held.incrementAndGet();
                    else
                        failed.incrementAndGet();
                }
            }));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread thread : threads)
            thread.join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("  %d requests in %.2fs, %d failed%nRequests/sec: %.2f%n", held.get(), elapsed, failed.get(),
            held.get() / elapsed);
    }

    // N streams opened 100 at a time, then read and discarded on this thread until the end.
    private static void hold(InetSocketAddress proxy, byte[] request, int streams, long end) throws IOException
    {
        try (Selector selector = Selector.open())
        {
            ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
            int opened = 0;
            int pending = 0;
            boolean told = false;
            while (System.nanoTime() < end)
            {
                for (; opened < streams && pending < 100; opened++, pending++)
                {
                    SocketChannel stream = SocketChannel.open(proxy);
                    stream.write(ByteBuffer.wrap(request));
                    stream.configureBlocking(false);
                    stream.register(selector, SelectionKey.OP_READ, Boolean.FALSE);
                }
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys())
                {
                    buffer.clear();
                    if (((SocketChannel)key.channel()).read(buffer) < 0)
                        throw new IOException("a stream was closed");
                    if (key.attachment() == Boolean.FALSE)
                    {
                        key.attach(Boolean.TRUE);
                        pending--;
                    }
                }
                selector.selectedKeys().clear();
                if (!told && opened == streams && pending == 0)
                {
                    System.out.println("held " + streams);
                    told = true;
                }
            }
            for (SelectionKey key : selector.keys())
                key.channel().close();
        }
    }

    // One set-up: true once the stream's first body line arrived; the connection is then closed (FIN).
    private static boolean holdOnce(InetSocketAddress proxy, byte[] request)
    {
        try (Socket socket = new Socket())
        {
            socket.connect(proxy, 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int read = 0;
            for (int n; (n = in.read(buffer, read, buffer.length - read)) > 0; )
            {
                read += n;
                if (contains(buffer, read, OPENED))
                    return true;
                if (read == buffer.length)
                    return false;
            }
            return false;
        }
        catch (IOException e)
        {
            return false;
        }
    }

    private static boolean contains(byte[] buffer, int length, byte[] sought)
    {
        outer:
        for (int i = 0; i + sought.length <= length; i++)
        {
            for (int j = 0; j < sought.length; j++)
                if (buffer[i + j] != sought[j])
                    continue outer;
            return true;
        }
        return false;
    }
}
