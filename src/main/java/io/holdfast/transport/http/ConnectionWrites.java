// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

import jakarta.servlet.ServletRequest;

/**
 * A held stream's chunks written straight to its connection, below the servlet output: Holdfast's
 * Jetty connection (holdfast-jetty.jar's {@code ChunkWrites}) writes each in one gathering write,
 * without the output's state machine (a burst's deliveries/s rose 1.77x, docs/performance.md). The WAR cannot
 * link against container classes, so the writer is a request attribute of a JDK type; it is absent
 * on Tomcat, over HTTP/2 and on a Jetty without Holdfast's connection factory, where the servlet
 * output writes as before.
 *
 * <p>The connection can also write the response's head, with the first content, on the calling
 * thread ({@link #writeHead}): a hold then needs no write listener, whose first {@code
 * onWritePossible} costs a hand-off to a pool thread (docs/performance.md, "Per hold set up").
 *
 * <p>One per {@link ClientOutput}, used under its monitor and only while the container's output is
 * ready (not writing): the connection takes one write at a time, and says when it is written,
 * which may be before the hand-over returns.
 */
final class ConnectionWrites
{
    static final String ATTRIBUTE = "io.holdfast.jetty.chunkWrites";
    static final String HEAD_ATTRIBUTE = "io.holdfast.jetty.headWrites";

    private final Consumer<Throwable> written;
    // Null once it declined a chunk: the response is not one it frames, so it is never asked again.
    private BiPredicate<ByteBuffer, Consumer<Throwable>> connection;
    // Null once used or declined, or where the connection does not write heads.
    private BiPredicate<ByteBuffer, Consumer<Throwable>> head;
    // A chunk handed over and not yet written: nothing else may be written meanwhile.
    private boolean busy;
    // During the hand-over, on its thread: the connection may finish at once, before it returns.
    private boolean handing;
    private Throwable failedAtOnce;

    private ConnectionWrites(BiPredicate<ByteBuffer, Consumer<Throwable>> connection,
                             BiPredicate<ByteBuffer, Consumer<Throwable>> head, Consumer<Throwable> written)
    {
        this.connection = connection;
        this.head = head;
        this.written = written;
    }

    /**
     * The writes of {@code request}'s connection, or null when it has none; {@code written} is told
     * when each chunk is written (null) or failed, and passes that to {@link #finished}.
     */
    @SuppressWarnings("unchecked")
    static ConnectionWrites of(ServletRequest request, Consumer<Throwable> written)
    {
        if (!(request.getAttribute(ATTRIBUTE) instanceof BiPredicate<?, ?> writer))
            return null;
        Object head = request.getAttribute(HEAD_ATTRIBUTE);
        return new ConnectionWrites((BiPredicate<ByteBuffer, Consumer<Throwable>>)writer,
            head instanceof BiPredicate<?, ?> ? (BiPredicate<ByteBuffer, Consumer<Throwable>>)head : null, written);
    }

    boolean usable()
    {
        return connection != null;
    }

    boolean busy()
    {
        return busy;
    }

    /**
     * Hands {@code batch} to the connection as a chunk: true when it was written or is being written
     * ({@link #busy()}), false when the connection declined it (write it otherwise).
     *
     * @throws IOException when it failed at once
     */
    boolean write(byte[] batch) throws IOException
    {
        boolean taken = hand(connection, batch);
        if (!taken)
            connection = null;
        return taken;
    }

    /**
     * Hands the response's head to the connection, with {@code batch} (possibly empty) as its first
     * content: true when it was written or is being written ({@link #busy()}), false when the
     * connection does not write heads or declined (the response has to be started otherwise). Asked
     * once per response.
     *
     * @throws IOException when it failed at once
     */
    boolean writeHead(byte[] batch) throws IOException
    {
        BiPredicate<ByteBuffer, Consumer<Throwable>> writer = head;
        head = null;
        return writer != null && hand(writer, batch);
    }

    private boolean hand(BiPredicate<ByteBuffer, Consumer<Throwable>> writer, byte[] batch) throws IOException
    {
        busy = true;
        handing = true;
        boolean taken;
        try
        {
            taken = writer.test(ByteBuffer.wrap(batch), written);
        }
        finally
        {
            handing = false;
        }
        if (!taken)
        {
            busy = false;
            return false;
        }
        Throwable failure = failedAtOnce;
        if (failure != null)
            throw failure instanceof IOException io ? io : new IOException(failure);
        return true;
    }

    /**
     * The connection finished the chunk handed over last (failure null: written); called under the
     * output's monitor. False when that was during the hand-over, whose caller goes on (or fails);
     * true when the output has to go on itself.
     */
    boolean finished(Throwable failure)
    {
        busy = false;
        if (handing)
        {
            failedAtOnce = failure;
            return false;
        }
        return true;
    }
}
