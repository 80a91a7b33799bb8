// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One non-blocking client connection of the load generator, driven by {@link Loop}. Subclasses
 * get {@link #onConnected}, {@link #onData} (the loop's shared buffer, valid only during the call,
 * with the time it was read) and {@link #onClosed}. A Conn may be re-opened after it closed (a
 * publisher whose server closes after every answer). Loop thread only.
 */
abstract class Conn
{
    protected final Loop loop;
    private SocketChannel channel;
    private SelectionKey key;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private boolean connected;

    Conn(Loop loop)
    {
        this.loop = loop;
    }

    final boolean isOpen()
    {
        return channel != null;
    }

    final boolean isConnected()
    {
        return connected;
    }

    /** Starts connecting; {@link #onConnected} or {@link #onClosed} follows. */
    final void open(InetSocketAddress address)
    {
        try
        {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connected = false;
            if (channel.connect(address))
            {
                key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
                connected = true;
                onConnected();
            }
            else
                key = channel.register(loop.selector(), SelectionKey.OP_CONNECT, this);
        }
        catch (IOException e)
        {
            fail(e);
        }
    }

    /** Writes {@code data} (a private duplicate of a shared pre-encoded buffer is fine). */
    final void send(ByteBuffer data)
    {
        if (channel == null)
            return;
        if (!pending.isEmpty() || !connected)
        {
            pending.add(data);
            return;
        }
        try
        {
            channel.write(data);
            if (data.hasRemaining())
            {
                pending.add(data);
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
            }
        }
        catch (IOException e)
        {
            fail(e);
        }
    }

    /** Closes without a lingering TIME_WAIT on our side (RST); no {@link #onClosed} call. */
    final void abort()
    {
        closeChannel(true);
    }

    /** Closes normally; no {@link #onClosed} call. */
    final void close()
    {
        closeChannel(false);
    }

    final void ready(SelectionKey k)
    {
        try
        {
            if (!k.isValid())
                return;
            if (k.isConnectable())
            {
                channel.finishConnect();
                connected = true;
                k.interestOps(SelectionKey.OP_READ | (pending.isEmpty() ? 0 : SelectionKey.OP_WRITE));
                onConnected();
                if (channel == null || !k.isValid())
                    return;
            }
            if (k.isWritable())
                flush();
            if (channel != null && k.isValid() && k.isReadable())
                read();
        }
        catch (IOException e)
        {
            fail(e);
        }
    }

    private void flush() throws IOException
    {
        ByteBuffer head;
        while ((head = pending.peek()) != null)
        {
            channel.write(head);
            if (head.hasRemaining())
                return;
            pending.poll();
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    private void read() throws IOException
    {
        ByteBuffer buffer = loop.readBuffer;
        while (channel != null)
        {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0)
            {
                closeChannel(false);
                onClosed(null);
                return;
            }
            if (n == 0)
                return;
            long now = System.nanoTime();
            buffer.flip();
            onData(buffer, now);
            if (n < buffer.capacity())
                return;
        }
    }

    private void fail(IOException e)
    {
        closeChannel(true);
        onClosed(e);
    }

    private void closeChannel(boolean reset)
    {
        SocketChannel ch = channel;
        if (ch == null)
            return;
        channel = null;
        connected = false;
        pending.clear();
        if (key != null)
            key.cancel();
        key = null;
        try
        {
            if (reset && ch.isConnected())
                ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
        catch (IOException ignored)
        {
            // closing anyway
        }
        try
        {
            ch.close();
        }
        catch (IOException ignored)
        {
            // closed anyway
        }
    }

    abstract void onConnected();

    /** {@code data} is the loop's shared buffer: consume it now. */
    abstract void onData(ByteBuffer data, long nanoTime);

    /** The peer closed ({@code failure == null}) or the connection failed. */
    abstract void onClosed(IOException failure);
}
