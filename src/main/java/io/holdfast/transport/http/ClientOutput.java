// SPDX-License-Identifier: Apache-2.0
// Over 300 lines: the WriteListener's states (queued, draining, flushing, finishing, closed) share
// one monitor, and a split would have to hand it across classes.
package io.holdfast.transport.http;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

import io.holdfast.stats.HubMetrics;
import io.holdfast.transport.Departures;

/**
 * The non-blocking output of one held client response: a bounded FIFO of byte chunks drained
 * while {@link ServletOutputStream#isReady()} says so, flushed whenever the queue empties so every
 * chunk reaches the client promptly. Offering never blocks: past the bounds it reports failure and
 * the caller disconnects the client (the slow-consumer policy). Thread-safe: publishers offer from
 * any thread while the container calls back on its own.
 *
 * <p>With a writer executor, an offer within a large fan-out only queues and the executor drains:
 * the publisher's fan-out costs an enqueue per client, and whatever piles up for a client before
 * its drain runs goes out in one write (under a burst, many messages share one system call, as in
 * Pushpin). Everything else is written at once on the offering thread.
 *
 * <p>Lifecycle: construct after {@code startAsync}, set status and headers, {@link #start()}, then
 * {@link #offer} chunks; end with {@link #finish()} (clean end after the queue drains) or
 * {@link #abort()} (connection dropped). {@code onClosed} runs exactly once, outside any lock,
 * however the response ends, including the client going away.
 */
public final class ClientOutput implements WriteListener, AsyncListener
{
    // A publish to this many subscribers or fewer is written by the publishing thread at once: on a
    // busy core a writer thread gets only its share of the CPU, and a small fan-out gains nothing
    // from waiting for a batch.
    private static final int INLINE_FAN_OUT = 32;

    private final AsyncContext async;
    private final Runnable onClosed;
    private final Executor writer;
    // Without a writer, everything is written on the offering thread and through the container's
    // buffer: a one-shot response (a long-poll's answer, a SockJS frame) whose Content-Length the
    // container can then send. With one, a held stream writes past that buffer.
    private final boolean buffered;
    private final Departures.Watching watching;
    private final ChunkQueue queue;
    // Where a held stream's chunks go straight to its connection; null where they cannot.
    private final ConnectionWrites connection;
    // Set once the head is on its way (written by the connection, or by the container, which is done
    // with it at its next ready): from then on, the connection is free for chunks.
    private boolean headSent;
    private ServletOutputStream out;
    private boolean writable;
    private boolean needsFlush;
    private boolean finishing;
    private boolean closed;
    private boolean drainQueued;
    // The container has been given this output's WriteListener (not needed while the connection writes).
    private boolean listening;

    /**
     * @param metrics where queued bytes count against the global budget and written published
     *                chunks report their latency
     * @param writer  where a large fan-out's chunks are drained; null for output written on the
     *                offering thread through the container's buffer ({@code buffered})
     * @param departures where the client is watched so that it is noticed leaving with no write; null for
     *                   a response that is written at once
     */
    public ClientOutput(AsyncContext async, int maxMessages, long maxBytes, HubMetrics metrics, Executor writer,
                        Departures departures, Runnable onClosed)
    {
        this.async = async;
        this.writer = writer;
        this.buffered = writer == null;
        this.queue = new ChunkQueue(maxMessages, maxBytes, metrics);
        this.onClosed = onClosed;
        this.connection = buffered ? null : ConnectionWrites.of(async.getRequest(), this::connectionWritten);
        async.addListener(this);
        this.watching = departures == null ? Departures.NOTHING : departures.watch(async.getRequest(), this::closeAfterFailure);
    }

    public HttpServletResponse response()
    {
        return (HttpServletResponse)async.getResponse();
    }

    /** Begins writing; status and headers must be set by now. */
    public void start() throws IOException
    {
        ChunkFraming.checkOnce(async.getRequest());
        ServletOutputStream stream = async.getResponse().getOutputStream();
        boolean ended;
        synchronized (this)
        {
            out = stream;
            // Commit the head even when there is no body yet, so the client sees the stream open.
            needsFlush = true;
            ended = !closed && startOnConnection();
        }
        if (ended)
            ended();
    }

    // Called with the monitor held: the head and what is queued go out in one write on this thread
    // where the connection writes heads; elsewhere the container calls onWritePossible() once it is
    // ready, and until then offers only queue. True when the response just ended.
    private boolean startOnConnection()
    {
        if (connection == null)
            return listen();
        try
        {
            ChunkQueue.Batch first = queue.peekBatch();
            if (!connection.writeHead(first.bytes()))
                return listen();
            queue.consume(first);
        }
        catch (IOException e)
        {
            return failed();
        }
        headSent = true;
        needsFlush = false;
        writable = true;
        return drain();
    }

    // Called with the monitor held: from now on the container says when its output is ready (it
    // calls back on another thread, or on this one once the servlet returns). False: not ended.
    private boolean listen()
    {
        listening = true;
        writable = false;
        out.setWriteListener(this);
        return false;
    }

    /** Queues {@code chunk}, not a publish's: written at once; false when the client is too far behind. */
    public boolean offer(byte[] chunk)
    {
        return offer(chunk, 0, 0);
    }

    /**
     * Queues {@code chunk}; false when the client is too far behind (the caller should abort).
     *
     * @param publishedNanos when the publish that produced it started, so its latency is reported
     *                       once written; 0 when it is not a publish's
     * @param fanOut         how many writes this one goes out among (a publish's subscribers, or
     *                       items replayed together): a few are written at once on this thread, more
     *                       are left to the writer, which sends what queued for a client in one write
     */
    public boolean offer(byte[] chunk, long publishedNanos, int fanOut)
    {
        boolean ended = false;
        boolean schedule = false;
        boolean taken = true;
        synchronized (this)
        {
            if (closed || finishing)
                return true;
            // Many offered together only queue for the writer: before the client counts as too far
            // behind, it gets what its connection takes now (a replay from history can be large).
            // Until the container first says the response can be written, nothing could be, so nothing
            // offered before then (a replay from history, in memory or from Redis) finds the client behind.
            if (writable && queue.full(chunk))
                ended = drain();
            // (a drain that found the client gone leaves nothing to queue)
            if (!closed && writable && queue.full(chunk))
                taken = false;
            else if (!closed)
            {
                queue.add(chunk, publishedNanos);
                if (buffered || fanOut <= INLINE_FAN_OUT)
                    ended = writable && drain();
                else if (writable && !drainQueued)
                    schedule = drainQueued = true;
            }
        }
        if (schedule)
            scheduleDrain();
        if (ended)
            ended();
        return taken;
    }

    private void scheduleDrain()
    {
        try
        {
            writer.execute(this::drainQueued);
        }
        catch (RejectedExecutionException stopping)
        {
            // Holdfast is shutting down; write what we can on this thread.
            drainQueued();
        }
    }

    private void drainQueued()
    {
        boolean ended;
        synchronized (this)
        {
            drainQueued = false;
            ended = drain();
        }
        if (ended)
            ended();
    }

    /** Ends the response cleanly once everything queued is written. */
    public void finish()
    {
        boolean ended;
        synchronized (this)
        {
            if (closed)
                return;
            finishing = true;
            ended = writable && drain();
        }
        if (ended)
            ended();
    }

    /** Drops the connection without a clean end (a stream ended this way reads as truncated). */
    public void abort()
    {
        if (!markClosed())
            return;
        endResponse(true);
        ended();
    }

    private void dropConnection()
    {
        try
        {
            // Jetty aborts the connection on sendError(-1); other containers at least end the response.
            response().sendError(-1);
        }
        catch (IOException | RuntimeException ignored)
        {
            // not Jetty, or already gone
        }
    }

    /**
     * The client has gone, as its request's listeners were told: ends this output as its own
     * listener would have (for an output that started listening too late to be told). Idempotent.
     */
    public void clientLeft()
    {
        closeAfterFailure();
    }

    public boolean isClosed()
    {
        synchronized (this)
        {
            return closed;
        }
    }

    /** True while chunks wait for the client to read. */
    public boolean isBacklogged()
    {
        synchronized (this)
        {
            return !queue.isEmpty();
        }
    }

    @Override
    public void onWritePossible()
    {
        boolean ended;
        synchronized (this)
        {
            writable = true;
            ended = drain();
        }
        if (ended)
            ended();
    }

    @Override
    public void onError(Throwable failure)
    {
        closeAfterFailure();
    }

    @Override
    public void onComplete(AsyncEvent event)
    {
        if (markClosed())
            ended();
    }

    @Override
    public void onTimeout(AsyncEvent event)
    {
        closeAfterFailure();
    }

    @Override
    public void onError(AsyncEvent event)
    {
        closeAfterFailure();
    }

    @Override
    public void onStartAsync(AsyncEvent event)
    {
    }

    // Called with the monitor held. Returns true when the response just ended, so the caller runs
    // onClosed after releasing the monitor: it unsubscribes from the hub, and a publisher holds a
    // channel monitor while it takes this one.
    private boolean drain()
    {
        if (closed || connection != null && connection.busy())
            return false;
        try
        {
            while (out.isReady())
            {
                if (!queue.isEmpty())
                {
                    // A hold writes past the container's buffer (see DirectWrites), and once the head has
                    // been sent, past the container itself where the connection takes chunks; a
                    // one-shot response goes through it, so that Jetty, seeing the whole body by
                    // completion, can send a Content-Length as Pushpin does.
                    if (headSent && connection != null && connection.usable())
                    {
                        ChunkQueue.Batch chunk = queue.peekBatch();
                        if (connection.write(chunk.bytes()))
                        {
                            queue.consume(chunk);
                            if (connection.busy())
                                return false;
                            continue;
                        }
                        // Not chunked after all (the head went out on the connection): the container writes the rest.
                        if (!listening)
                            return listen();
                    }
                    byte[] batch = queue.consume(queue.peekBatch());
                    headSent = true;
                    if (buffered)
                    {
                        out.write(batch);
                        needsFlush = true;
                    }
                    else if (!DirectWrites.write(out, batch))
                        needsFlush = true;
                }
                else if (needsFlush)
                {
                    needsFlush = false;
                    headSent = true;
                    out.flush();
                }
                else
                {
                    if (!finishing)
                        return false;
                    // onComplete() will not run onClosed again: closed is already set.
                    closed = true;
                    completeQuietly();
                    return true;
                }
            }
            return false;
        }
        catch (IOException | IllegalStateException e)
        {
            return failed();
        }
    }

    // Called with the monitor held: a write failed, so the response ends here; true (it just ended).
    private boolean failed()
    {
        closed = true;
        queue.clear();
        completeQuietly();
        return true;
    }

    // The connection wrote a chunk (failure null) or could not; on the writing thread when at once.
    private void connectionWritten(Throwable failure)
    {
        boolean ended;
        synchronized (this)
        {
            if (!connection.finished(failure))
                return;
            if (failure == null)
                ended = drain();
            else
                ended = !closed && failed();
        }
        if (ended)
            ended();
    }

    // Every end of the response comes here once: the watch lets go, then the owner is told.
    private void ended()
    {
        watching.release();
        onClosed.run();
    }

    private void closeAfterFailure()
    {
        if (!markClosed())
            return;
        completeQuietly();
        ended();
    }

    private boolean markClosed()
    {
        synchronized (this)
        {
            if (closed)
                return false;
            closed = true;
            queue.clear();
            return true;
        }
    }

    private void completeQuietly()
    {
        endResponse(false);
    }

    // Ends the response, dropping the connection first when asked (abort) or when it must be.
    private void endResponse(boolean drop)
    {
        boolean chunkUnderWay;
        synchronized (this)
        {
            chunkUnderWay = connection != null && connection.busy();
        }
        // The container does not know of a chunk its connection is still writing, so its last chunk
        // cannot follow it: the connection is dropped instead (the client was not reading anyway).
        if (drop || chunkUnderWay)
            dropConnection();
        try
        {
            async.complete();
        }
        catch (IllegalStateException ignored)
        {
            // already completed
        }
    }
}
