// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench.floor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The least a Java process does per delivery, with no container: one thread, one selector, the
 * JDK's NIO. {@code GET /stream?ch=C} holds a chunked stream; {@code POST /publish/} on the control
 * port takes the benchmark's items ({@link BenchItems}) and writes each one's content to every
 * stream of its channel as one chunk in one gathering write, as Holdfast frames it; what a socket
 * does not take waits for it, so nothing is dropped. {@code GET /hello} answers. No GRIP, no
 * origin, no queue bound. Run as its own JVM: {@code NioFloor HTTP_PORT CONTROL_PORT}.
 */
public final class NioFloor
{
    private static final byte[] STREAM_HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HELLO = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nhello\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_FOUND = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PUBLISHED = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nPublished\n"
        .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** One client connection: what it sent so far, what waits to be written, and its channel once it holds a stream. */
    private static final class Conn
    {
        final SocketChannel socket;
        final boolean control;
        // Small, as the benchmark's requests are: it doubles when one does not fit.
        ByteBuffer in = ByteBuffer.allocate(512);
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        String channel;
        boolean closeWhenWritten;

        Conn(SocketChannel socket, boolean control)
        {
            this.socket = socket;
            this.control = control;
        }
    }

    private final Selector selector;
    private final Map<String, Set<Conn>> channels = new HashMap<>();

    private NioFloor(Selector selector)
    {
        this.selector = selector;
    }

    public static void main(String[] args) throws IOException
    {
        NioFloor floor = new NioFloor(Selector.open());
        floor.listen(Integer.parseInt(args[0]), false);
        floor.listen(Integer.parseInt(args[1]), true);
        floor.run();
    }

    private void listen(int port, boolean control) throws IOException
    {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", port), 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT, control);
    }

    private void run() throws IOException
    {
        while (true)
        {
            selector.select();
            for (SelectionKey key : selector.selectedKeys())
            {
                try
                {
                    if (key.isAcceptable())
                        accept(key);
                    else
                    {
                        if (key.isWritable())
                            flush(key);
                        if (key.isValid() && key.isReadable())
                            read(key);
                    }
                }
                catch (IOException | RuntimeException e)
                {
                    close(key);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private void accept(SelectionKey key) throws IOException
    {
        for (SocketChannel socket; (socket = ((ServerSocketChannel)key.channel()).accept()) != null; )
        {
            socket.configureBlocking(false);
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            socket.register(selector, SelectionKey.OP_READ, new Conn(socket, (Boolean)key.attachment()));
        }
    }

    private void read(SelectionKey key) throws IOException
    {
        Conn conn = (Conn)key.attachment();
        if (!conn.in.hasRemaining())
            conn.in = ByteBuffer.allocate(conn.in.capacity() * 2).put(conn.in.flip());
        if (conn.socket.read(conn.in) < 0)
        {
            close(key);
            return;
        }
        while (key.isValid() && request(key, conn))
        {
            // one request handled; a pipelined one may follow
        }
    }

    // Handles the first complete request buffered, if there is one.
    private boolean request(SelectionKey key, Conn conn)
    {
        String text = new String(conn.in.array(), 0, conn.in.position(), StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return false;
        String head = text.substring(0, headEnd);
        int length = 0;
        for (String line : head.split("\r\n"))
        {
            if (line.regionMatches(true, 0, "content-length:", 0, 15))
                length = Integer.parseInt(line.substring(15).trim());
        }
        int end = headEnd + 4 + length;
        if (text.length() < end)
            return false;
        String body = text.substring(headEnd + 4, end);
        conn.in.flip().position(end);
        conn.in.compact();
        String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
        if (conn.control && head.startsWith("POST /publish/"))
        {
            BenchItems.scan(body, this::publish);
            write(conn, PUBLISHED);
        }
        else if (!conn.control && head.startsWith("GET /stream?ch="))
        {
            conn.channel = target.substring("/stream?ch=".length());
            channels.computeIfAbsent(conn.channel, c -> new LinkedHashSet<>()).add(conn);
            write(conn, STREAM_HEAD);
        }
        else
            write(conn, head.startsWith("GET /hello") ? HELLO : NOT_FOUND);
        if (head.toLowerCase().contains("\r\nconnection: close"))
            conn.closeWhenWritten = true;
        if (conn.closeWhenWritten && conn.out.isEmpty())
            close(key);
        return true;
    }

    // A content of null ends the channel's streams.
    private void publish(String channel, byte[] content)
    {
        Set<Conn> streams = channels.get(channel);
        if (streams == null)
            return;
        if (content == null)
        {
            channels.remove(channel);
            for (Conn conn : List.copyOf(streams))
            {
                conn.closeWhenWritten = true;
                write(conn, LAST_CHUNK);
            }
            return;
        }
        // Direct buffers, made once per publish: the JDK copies nothing per write.
        ByteBuffer size = direct((Integer.toHexString(content.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        ByteBuffer body = direct(content);
        ByteBuffer end = direct(CRLF);
        // A copy: a write that finds its client gone removes it from the channel.
        for (Conn conn : List.copyOf(streams))
            write(conn, size.duplicate(), body.duplicate(), end.duplicate());
    }

    private static ByteBuffer direct(byte[] bytes)
    {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    // Written at once when nothing waits before it; what the socket does not take waits, in order.
    private void write(Conn conn, byte[] bytes)
    {
        write(conn, ByteBuffer.wrap(bytes));
    }

    private void write(Conn conn, ByteBuffer... buffers)
    {
        SelectionKey key = conn.socket.keyFor(selector);
        try
        {
            if (conn.out.isEmpty())
                conn.socket.write(buffers);
            int left = 0;
            for (ByteBuffer buffer : buffers)
                left += buffer.remaining();
            if (left == 0)
            {
                if (conn.closeWhenWritten && conn.out.isEmpty())
                    close(key);
                return;
            }
            ByteBuffer rest = ByteBuffer.allocate(left);
            for (ByteBuffer buffer : buffers)
                rest.put(buffer);
            conn.out.add(rest.flip());
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
        catch (IOException | RuntimeException e)
        {
            close(key);
        }
    }

    private void flush(SelectionKey key) throws IOException
    {
        Conn conn = (Conn)key.attachment();
        while (!conn.out.isEmpty())
        {
            ByteBuffer next = conn.out.peek();
            conn.socket.write(next);
            if (next.hasRemaining())
                return;
            conn.out.poll();
        }
        key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        if (conn.closeWhenWritten)
            close(key);
    }

    private void close(SelectionKey key)
    {
        if (key == null)
            return;
        key.cancel();
        if (key.attachment() instanceof Conn conn)
        {
            if (conn.channel != null)
            {
                Set<Conn> streams = channels.get(conn.channel);
                if (streams != null)
                    streams.remove(conn);
            }
            try
            {
                conn.socket.close();
            }
            catch (IOException ignored)
            {
                // closed
            }
        }
    }
}
