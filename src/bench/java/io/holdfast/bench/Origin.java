// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

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
import java.util.Iterator;
import java.util.Map;

/**
 * The benchmark's origin: a one-thread NIO HTTP/1.1 server (keep-alive, pipelining) that answers
 * from a cache of pre-encoded responses, so it costs the proxy's core nothing and its own core
 * little. Run as its own process ({@code java io.holdfast.bench.Origin PORT}), pinned next to the
 * load generator.
 * <ul>
 * <li>{@code GET /hello}: a plain 6-byte response (pass-through).</li>
 * <li>{@code GET /stream?ch=C}: {@code Grip-Hold: stream} on channel C.</li>
 * <li>{@code GET /stream-from?ch=C&prev-id=X}: {@code Grip-Hold: stream} on channel C with
 * {@code prev-id=X}, as for a client reconnecting after item X (history catch-up).</li>
 * <li>{@code GET /poll?ch=C}: {@code Grip-Hold: response} on channel C (120 s timeout).</li>
 * <li>{@code GET /count?ch=C}: how many {@code /poll?ch=C} requests were answered (the long-poll
 * publisher uses it to publish once every poll is held).</li>
 * </ul>
 */
public final class Origin
{
    /** Lower case; a header byte matches itself or, for letters, its lower case (byte OR 0x20). */
    private static final byte[] CONTENT_LENGTH = "\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
    private final Map<String, byte[]> responses = new HashMap<>();
    /** Long-poll requests answered per channel, for {@code GET /count?ch=C}. */
    private final Map<String, long[]> polls = new HashMap<>();
    private long requests;

    public static void main(String[] args) throws IOException
    {
        int port = Integer.parseInt(args[0]);
        new Origin().serve(port);
    }

    private void serve(int port) throws IOException
    {
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress("127.0.0.1", port), 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        System.out.println("origin ready on 127.0.0.1:" + port);
        System.out.flush();
        ByteBuffer read = ByteBuffer.allocateDirect(64 * 1024);
        while (true)
        {
            selector.select();
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext())
            {
                SelectionKey key = keys.next();
                keys.remove();
                try
                {
                    if (key.isAcceptable())
                        accept(server, selector);
                    else
                    {
                        Connection c = (Connection)key.attachment();
                        if (key.isWritable())
                            c.flush(key);
                        if (key.isValid() && key.isReadable())
                            c.read(key, read);
                    }
                }
                catch (IOException | RuntimeException e)
                {
                    key.cancel();
                    key.channel().close();
                }
            }
        }
    }

    private void accept(ServerSocketChannel server, Selector selector) throws IOException
    {
        SocketChannel channel;
        while ((channel = server.accept()) != null)
        {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.register(selector, SelectionKey.OP_READ, new Connection(channel));
        }
    }

    private byte[] respond(String target)
    {
        if (target.startsWith("/count?ch="))
        {
            long[] count = polls.get(target.substring(10));
            String body = Long.toString(count == null ? 0 : count[0]);
            return head(200, "OK", body, "").getBytes(StandardCharsets.US_ASCII);
        }
        if (target.startsWith("/poll?ch="))
            polls.computeIfAbsent(target.substring(9), k -> new long[1])[0]++;
        byte[] cached = responses.get(target);
        if (cached != null)
            return cached;
        if (responses.size() > 100_000)
            responses.clear();
        String path = target;
        String channel = "";
        String prevId = "";
        int q = target.indexOf('?');
        if (q >= 0)
        {
            path = target.substring(0, q);
            channel = parameter(target, q, "ch=");
            prevId = parameter(target, q, "prev-id=");
        }
        String response = switch (path)
        {
            case "/hello" -> head(200, "OK", "hello\n", "");
            case "/stream" -> head(200, "OK", "opened\n", "Grip-Hold: stream\r\nGrip-Channel: " + channel + "\r\n");
            case "/stream-from" -> head(200, "OK", "opened\n", "Grip-Hold: stream\r\nGrip-Channel: " + channel
                + "; prev-id=" + prevId + "\r\n");
            case "/poll" -> head(200, "OK", "timeout\n",
                "Grip-Hold: response\r\nGrip-Channel: " + channel + "\r\nGrip-Timeout: 120\r\n");
            default -> head(404, "Not Found", "not found\n", "");
        };
        byte[] bytes = response.getBytes(StandardCharsets.US_ASCII);
        responses.put(target, bytes);
        return bytes;
    }

    /** The value of the query parameter {@code name} (with its {@code =}) after {@code q}, or "". */
    private static String parameter(String target, int q, String name)
    {
        int at = target.indexOf(name, q);
        // A match inside another parameter's name (ch= in epoch=) is not it.
        while (at >= 0 && target.charAt(at - 1) != '?' && target.charAt(at - 1) != '&')
            at = target.indexOf(name, at + 1);
        if (at < 0)
            return "";
        int end = target.indexOf('&', at);
        return target.substring(at + name.length(), end < 0 ? target.length() : end);
    }

    private static String head(int status, String reason, String body, String extra)
    {
        return "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain\r\n" + extra + "Content-Length: "
            + body.length() + "\r\n\r\n" + body;
    }

    private final class Connection
    {
        private final SocketChannel channel;
        private byte[] in = new byte[8192];
        private int length;
        private long skipBody;
        private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();

        Connection(SocketChannel channel)
        {
            this.channel = channel;
        }

        void read(SelectionKey key, ByteBuffer buffer) throws IOException
        {
            while (true)
            {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0)
                {
                    key.cancel();
                    channel.close();
                    return;
                }
                if (n == 0)
                    break;
                buffer.flip();
                if (skipBody > 0)
                {
                    int skip = (int)Math.min(skipBody, buffer.remaining());
                    buffer.position(buffer.position() + skip);
                    skipBody -= skip;
                }
                int bytes = buffer.remaining();
                if (length + bytes > in.length)
                {
                    if (length + bytes > 1 << 20)
                        throw new IOException("request head too large");
                    in = java.util.Arrays.copyOf(in, Math.max(in.length * 2, length + bytes));
                }
                buffer.get(in, length, bytes);
                length += bytes;
                if (n < buffer.capacity())
                    break;
            }
            handleRequests(key);
        }

        private void handleRequests(SelectionKey key) throws IOException
        {
            int start = 0;
            while (true)
            {
                int end = headEnd(start);
                if (end < 0)
                    break;
                int sp1 = indexOf((byte)' ', start, end);
                int sp2 = sp1 < 0 ? -1 : indexOf((byte)' ', sp1 + 1, end);
                if (sp2 < 0)
                    throw new IOException("bad request line");
                String target = new String(in, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.ISO_8859_1);
                long bodyLength = contentLength(start, end);
                requests++;
                write(key, respond(target));
                start = end;
                long available = length - start;
                if (bodyLength > available)
                {
                    skipBody = bodyLength - available;
                    start = length;
                    break;
                }
                start += (int)bodyLength;
            }
            if (start > 0)
            {
                System.arraycopy(in, start, in, 0, length - start);
                length -= start;
            }
        }

        /** Index just past the head's blank line, or -1. */
        private int headEnd(int from)
        {
            for (int i = from; i + 3 < length; i++)
            {
                if (in[i] == '\r' && in[i + 1] == '\n' && in[i + 2] == '\r' && in[i + 3] == '\n')
                    return i + 4;
            }
            return -1;
        }

        private int indexOf(byte b, int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                if (in[i] == b)
                    return i;
            }
            return -1;
        }

        private long contentLength(int from, int to)
        {
            byte[] name = CONTENT_LENGTH;
            outer:
            for (int i = from; i + name.length < to; i++)
            {
                for (int j = 0; j < name.length; j++)
                {
                    if (in[i + j] != name[j] && (in[i + j] | 0x20) != name[j])
                        continue outer;
                }
                long value = 0;
                for (int k = i + name.length; k < to && in[k] != '\r'; k++)
                {
                    if (in[k] >= '0' && in[k] <= '9')
                        value = value * 10 + (in[k] - '0');
                }
                return value;
            }
            return 0;
        }

        private void write(SelectionKey key, byte[] response) throws IOException
        {
            ByteBuffer buffer = ByteBuffer.wrap(response);
            if (out.isEmpty())
            {
                channel.write(buffer);
                if (!buffer.hasRemaining())
                    return;
            }
            out.add(buffer);
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }

        void flush(SelectionKey key) throws IOException
        {
            ByteBuffer head;
            while ((head = out.peek()) != null)
            {
                channel.write(head);
                if (head.hasRemaining())
                    return;
                out.poll();
            }
            key.interestOps(SelectionKey.OP_READ);
        }
    }
}
