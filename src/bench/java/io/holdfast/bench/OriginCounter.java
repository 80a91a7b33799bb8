// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keeps asking the origin how many long-polls of one channel it has answered ({@code GET
 * /count?ch=C}), one request at a time on a keep-alive connection, so the long-poll publisher can
 * tell when every client's request has reached the origin and been told to hold. Loop thread only.
 */
final class OriginCounter extends Conn implements ResponseParser.Handler
{
    private final InetSocketAddress origin;
    private final ByteBuffer request;
    private final ResponseParser parser = new ResponseParser(this);
    private long parsing;
    private boolean stopped;
    /** The latest count the origin gave. */
    long value;
    /** When {@link #value} last changed (System.nanoTime). */
    long changedNanos = System.nanoTime();

    OriginCounter(Loop loop, InetSocketAddress origin, String channel)
    {
        super(loop);
        this.origin = origin;
        String get = "GET /count?ch=" + channel + " HTTP/1.1\r\nHost: origin\r\n\r\n";
        this.request = ByteBuffer.wrap(get.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
    }

    void start()
    {
        loop.execute(() -> open(origin));
    }

    void stop()
    {
        loop.execute(() ->
        {
            stopped = true;
            close();
        });
    }

    @Override
    void onConnected()
    {
        send(request.duplicate());
    }

    @Override
    void onData(ByteBuffer data, long nanoTime)
    {
        if (!parser.feed(data, nanoTime))
            abort();
    }

    @Override
    public void head(int status, boolean close)
    {
        parsing = 0;
    }

    @Override
    public void body(ByteBuffer buffer, int from, int to, long nanoTime)
    {
        for (int i = from; i < to; i++)
            parsing = parsing * 10 + (buffer.get(i) - '0');
    }

    @Override
    public void complete()
    {
        if (parsing != value)
        {
            value = parsing;
            changedNanos = System.nanoTime();
        }
        // About a thousand questions a second: enough to react within a millisecond, cheap for the origin.
        if (!stopped)
            loop.at(System.nanoTime() + 500_000, () ->
            {
                if (!stopped && isOpen())
                    send(request.duplicate());
            });
    }

    @Override
    void onClosed(IOException failure)
    {
        if (!stopped)
        {
            parser.reset();
            open(origin);
        }
    }
}
