// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A keep-alive publish client: one request at a time, stamped with the time the publish started
 * (before connecting, when the last answer closed the connection: the connection is part of the
 * publish). Asks for keep-alive; reconnects when the server closes after answering (as Pushpin's
 * control API always does, Holdfast's after an error) and retries once when a reused keep-alive connection turns out
 * to be closed. Loop thread only.
 */
final class Publisher extends Conn implements ResponseParser.Handler
{
    interface Done
    {
        /** {@code status} is -1 when the request failed; {@code error} then says why. */
        void done(Publisher publisher, int status, String error);
    }

    private final InetSocketAddress address;
    private final ResponseParser parser = new ResponseParser(this);
    private PublishBody lastBody;
    private byte[] buffer;
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
            buffer = body.bytes().clone();
        }
        long now = System.nanoTime();
        lastStartNanos = now;
        for (int offset : body.stampOffsets())
            Stamp.write(buffer, offset, now);
        done = whenDone;
        busy = true;
        retried = false;
        status = -1;
        if (isOpen())
            send(ByteBuffer.wrap(buffer));
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
            send(ByteBuffer.wrap(buffer));
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
