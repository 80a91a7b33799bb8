// SPDX-License-Identifier: Apache-2.0
package io.holdfast.jetty;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.internal.HttpChannelState;
import org.eclipse.jetty.util.Callback;

/**
 * Writes a held stream's chunks straight to its connection, below the servlet container: one
 * gathering write of size line, data and CRLF per call, with none of the response output's
 * state, locks and callbacks between them. A delivery to a held stream is the hot path of a
 * fan-out (docs/performance.md, "Held streams written below the container").
 *
 * <p>The webapp finds it as the request attribute {@link #ATTRIBUTE}, typed as a JDK interface
 * because the webapp's classes cannot link against the container's. {@code test(data, done)}
 * writes {@code data} as one chunk and returns true, or returns false, having written nothing,
 * when the response is not a committed chunked one on this connection (HTTP/1.0, no head sent yet,
 * ended, upgraded); {@code done} gets null once the chunk is written, else the failure. The caller writes only while the
 * container is not writing (its output is ready) and never before {@code done}: the connection
 * takes one write at a time. Chunks are whole on the wire ({@link WholeChunkGenerator}), so the
 * container's own framing before and after them stays valid.
 *
 * <p>{@link #HEAD_ATTRIBUTE} holds the same for a response's head ({@link #head()}): it commits
 * the head with {@code data} as the first content, on the calling thread, through the core
 * response, so a hold needs neither a write listener nor the pool thread that the servlet output
 * wakes for its first {@code onWritePossible} (docs/performance.md, "Per hold set up"). It
 * declines when the response is committed already. Whether the response came out chunked (so that
 * {@code test} takes what follows) is the generator's choice, made as the head is written.
 */
final class ChunkWrites implements BiPredicate<ByteBuffer, Consumer<Throwable>>
{
    static final String ATTRIBUTE = "io.holdfast.jetty.chunkWrites";
    static final String HEAD_ATTRIBUTE = "io.holdfast.jetty.headWrites";
    // Upper case, as Jetty frames the chunks before and after these.
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final HoldfastHttpConnection connection;
    private final EndPoint endPoint;
    private final BiPredicate<ByteBuffer, Consumer<Throwable>> head = this::writeHead;
    // The framing of the chunk being written: one write at a time, so one pair serves them all.
    private final ByteBuffer sizeLine = ByteBuffer.allocate(8 + 2);
    private final ByteBuffer crlf = ByteBuffer.wrap(new byte[] {'\r', '\n'});
    // A hold hands over the same done for each of its writes: its callback is made once per hold.
    private Consumer<Throwable> callbackDone;
    private Callback callback;

    ChunkWrites(HoldfastHttpConnection connection, EndPoint endPoint)
    {
        this.connection = connection;
        this.endPoint = endPoint;
    }

    /** The head's writer, made once per connection. */
    BiPredicate<ByteBuffer, Consumer<Throwable>> head()
    {
        return head;
    }

    @Override
    public boolean test(ByteBuffer data, Consumer<Throwable> done)
    {
        HttpGenerator generator = connection.getGenerator();
        // (After an h2c upgrade the endpoint belongs to an HTTP/2 connection: nothing of ours goes on it.)
        if (!data.hasRemaining() || !ours() || !generator.isChunking()
            || generator.getState() != HttpGenerator.State.COMMITTED)
            return false;
        putSizeLine(data.remaining());
        endPoint.write(callbackFor(done), sizeLine, data, crlf.rewind());
        return true;
    }

    private boolean writeHead(ByteBuffer data, Consumer<Throwable> done)
    {
        HttpChannel channel = connection.getHttpChannel();
        Response response = channel instanceof HttpChannelState state && state.getRequest() != null ? state.getResponse() : null;
        if (response == null || !ours() || response.isCommitted()
            || connection.getGenerator().getState() != HttpGenerator.State.START)
            return false;
        response.write(false, data, callbackFor(done));
        return true;
    }

    private boolean ours()
    {
        return endPoint.getConnection() == connection;
    }

    private Callback callbackFor(Consumer<Throwable> done)
    {
        if (done != callbackDone)
        {
            callbackDone = done;
            callback = Callback.from(() -> done.accept(null), done::accept);
        }
        return callback;
    }

    private void putSizeLine(int size)
    {
        sizeLine.clear();
        int digits = Math.max(1, (Integer.SIZE - Integer.numberOfLeadingZeros(size) + 3) / 4);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
            sizeLine.put(HEX[(size >>> shift) & 0xf]);
        sizeLine.put((byte)'\r').put((byte)'\n').flip();
    }
}
