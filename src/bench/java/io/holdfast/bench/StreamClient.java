// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One held HTTP stream: sends its pre-encoded GET, notes when the response head arrives
 * (established), then scans the body for latency markers. Everything is reported to its
 * {@link StreamGroup}. Loop thread only.
 */
final class StreamClient extends Conn implements ResponseParser.Handler, Stamp.Sink
{
    final int index;
    private final StreamGroup group;
    private final ByteBuffer request;
    private final ResponseParser parser = new ResponseParser(this);
    private final Stamp.Scanner scanner = new Stamp.Scanner();
    private long readNanos;
    /** The stamp of the last marker received: each publish stamps its own, so a stream's stamps only grow. */
    private long lastSentNanos = Long.MIN_VALUE;
    /** The body of a refusal (non-200), kept for the failure summary. */
    private StringBuilder refusal;
    private int refusalStatus;
    boolean established;
    boolean done;

    StreamClient(Loop loop, StreamGroup group, int index, ByteBuffer request)
    {
        super(loop);
        this.group = group;
        this.index = index;
        this.request = request;
    }

    @Override
    void onConnected()
    {
        send(request.duplicate());
    }

    @Override
    void onData(ByteBuffer data, long nanoTime)
    {
        readNanos = nanoTime;
        if (!parser.feed(data, nanoTime))
            finish("malformed response");
    }

    @Override
    public void head(int status, boolean close)
    {
        if (status != 200)
        {
            refusal = new StringBuilder();
            refusalStatus = status;
            return;
        }
        established = true;
        group.established(this, readNanos);
    }

    @Override
    public void body(ByteBuffer buffer, int from, int to, long nanoTime)
    {
        if (refusal != null)
        {
            for (int i = from; i < to && refusal.length() < 120; i++)
                refusal.append((char)buffer.get(i));
        }
        else if (!done)
            scanner.scan(buffer, from, to, nanoTime, this);
    }

    @Override
    public void marker(long sentNanos, long receivedNanos)
    {
        if (sentNanos == lastSentNanos)
            group.duplicates++;
        else if (sentNanos < lastSentNanos)
            group.reordered++;
        lastSentNanos = Math.max(lastSentNanos, sentNanos);
        group.delivered(this, receivedNanos - sentNanos, receivedNanos);
    }

    @Override
    public void complete()
    {
        if (refusal != null)
        {
            finish("status " + refusalStatus + " " + refusal.toString().trim());
            return;
        }
        // The stream ended cleanly (a published close).
        if (done)
            return;
        done = true;
        group.ended(this);
        abort();
    }

    @Override
    void onClosed(IOException failure)
    {
        if (failure == null && established && parser.closeDelimited())
        {
            complete();
            return;
        }
        finish(failure == null ? (established ? "closed by server" : "closed before response") : failure.toString());
    }

    private void finish(String why)
    {
        if (done)
            return;
        done = true;
        abort();
        group.failed(this, why);
    }
}
