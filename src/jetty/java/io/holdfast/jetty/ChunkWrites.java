// SPDX-License-Identifier: Apache-2.0
package io.holdfast.jetty;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.io.EndPoint;
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
 */
final class ChunkWrites implements BiPredicate<ByteBuffer, Consumer<Throwable>>
{
    static final String ATTRIBUTE = "io.holdfast.jetty.chunkWrites";
    // Upper case, as Jetty frames the chunks before and after these.
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final HoldfastHttpConnection connection;
    private final EndPoint endPoint;
    // The framing of the chunk being written: one write at a time, so one pair serves them all.
    private final ByteBuffer sizeLine = ByteBuffer.allocate(8 + 2);
    private final ByteBuffer crlf = ByteBuffer.wrap(new byte[] {'\r', '\n'});
    // A hold hands over the same done for each of its chunks: its callback is made once per hold.
    private Consumer<Throwable> callbackDone;
    private Callback callback;

    ChunkWrites(HoldfastHttpConnection connection, EndPoint endPoint)
    {
        this.connection = connection;
        this.endPoint = endPoint;
    }

    @Override
    public boolean test(ByteBuffer data, Consumer<Throwable> done)
    {
        HttpGenerator generator = connection.getGenerator();
        // (After an h2c upgrade the endpoint belongs to an HTTP/2 connection: nothing of ours goes on it.)
        if (!data.hasRemaining() || endPoint.getConnection() != connection || !generator.isChunking()
            || generator.getState() != HttpGenerator.State.COMMITTED)
            return false;
        putSizeLine(data.remaining());
        if (done != callbackDone)
        {
            callbackDone = done;
            callback = Callback.from(() -> done.accept(null), done::accept);
        }
        endPoint.write(callback, sizeLine, data, crlf.rewind());
        return true;
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
