// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A keep-alive publish client: one publish at a time, each of its requests (one, or one per item
 * for nchan) sent when the previous one was answered and stamped with the time it started (before
 * connecting, when the last answer closed the connection: the connection is part of the publish).
 * Asks for keep-alive; reconnects when the server closes after answering (as Pushpin's control API
 * always does, Holdfast's after an error) and retries once when a reused keep-alive connection
 * turns out to be closed. Any 2xx answers a request (nchan says 201 or 202). Loop thread only.
 */
final class Publisher extends Conn implements ResponseParser.Handler
{
    interface Done
    {
        /** {@code status} is the last answer's, -1 when a request failed; {@code error} then says why. */
        void done(Publisher publisher, int status, String error);
    }

    private final InetSocketAddress address;
    private final ResponseParser parser = new ResponseParser(this);
    private PublishBody lastBody;
    private byte[][] buffers;
    /** The request of {@link #lastBody} being sent or awaited. */
    private int part;
    private Done done;
    private boolean busy;
    private boolean serverCloses;
    private boolean retried;
    private int status;
    private int answeredOnConnection;
    int connections;
    long lastStartNanos;

    Publisher(Loop loop, InetSocketAddress address)
    {
        super(loop);
        this.address = address;
    }

    boolean busy()
    {
        return busy;
    }

    void publish(PublishBody body, Done whenDone)
    {
        if (busy)
            throw new IllegalStateException("one publish at a time");
        if (body != lastBody)
        {
            lastBody = body;
            buffers = body.requests().stream().map(r -> r.bytes().clone()).toArray(byte[][]::new);
        }
        lastStartNanos = System.nanoTime();
        done = whenDone;
        busy = true;
        part = 0;
        sendPart();
    }

    private void sendPart()
    {
        long now = System.nanoTime();
        for (int offset : lastBody.requests().get(part).stampOffsets())
            Stamp.write(buffers[part], offset, now);
        retried = false;
        status = -1;
        if (isOpen())
            send(ByteBuffer.wrap(buffers[part]));
        else
            connect();
    }

    private void connect()
    {
        connections++;
        answeredOnConnection = 0;
        parser.reset();
        open(address);
    }

    @Override
    void onConnected()
    {
        if (busy)
            send(ByteBuffer.wrap(buffers[part]));
    }

    @Override
    void onData(ByteBuffer data, long nanoTime)
    {
        if (!parser.feed(data, nanoTime))
        {
            abort();
            finish(-1, "malformed response");
        }
    }

    @Override
    public void head(int status, boolean close)
    {
        this.status = status;
        this.serverCloses = close;
    }

    @Override
    public void complete()
    {
        answeredOnConnection++;
        if (serverCloses)
            abort();
        if (status / 100 == 2 && part + 1 < buffers.length)
        {
            part++;
            sendPart();
            return;
        }
        finish(status, null);
    }

    @Override
    void onClosed(IOException failure)
    {
        boolean partial = parser.inResponse();
        parser.reset();
        if (!busy)
            return;
        if (answeredOnConnection > 0 && !partial && !retried)
        {
            // A keep-alive connection the server had closed: the request never reached it.
            retried = true;
            connect();
            return;
        }
        finish(-1, failure == null ? "closed by server" : failure.toString());
    }

    private void finish(int status, String error)
    {
        busy = false;
        Done callback = done;
        done = null;
        if (callback != null)
            callback.done(this, status, error);
    }
}
