// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Content;

/**
 * The client's request body, streamed to the origin without buffering it whole and read only when
 * the origin connection asks for it. Two consequences: a target that refuses the connection never
 * sees the body touched, so the next target can be tried; and the first {@value #RETAIN_LIMIT} bytes
 * are kept so a held request can be re-sent to the origin later (Pushpin's limit: a larger request
 * cannot become a GRIP hold). Thread-safe; one per client request.
 *
 * <p>Whatever goes wrong while reading the client's body (a malformed chunk, an early EOF or reset,
 * the container's idle timeout, the size limit) is the client's fault, and is marked so here, where
 * it is seen: it becomes a {@link ExchangeFailures.ClientBodyFailure} that fails the origin request,
 * which Jetty's client then aborts, closing its connection rather than leaving the origin holding
 * half a request.</p>
 */
final class ClientBody implements ReadListener
{
    static final int RETAIN_LIMIT = 100_000;

    private final HttpServletRequest clientRequest;
    private final long maxBytes;
    // Allocated on the first read and dropped at the end: a held request keeps its ClientBody.
    private byte[] buffer;
    private long total;
    // The body read so far, for re-sending; allocated on the first bytes (most held requests have
    // none), and dropped once it grew past RETAIN_LIMIT (tooLarge).
    private ByteArrayOutputStream retained;
    private boolean tooLarge;
    private ServletInputStream input;
    /** The origin request being fed, aborted when the client's body fails while it waits for none. */
    private Request feeding;
    private Runnable demand;
    private Throwable failure;
    private boolean touched;
    private boolean complete;

    /** @param maxBytes the largest body streamed to the origin (0: any) */
    ClientBody(HttpServletRequest clientRequest, long maxBytes)
    {
        this.clientRequest = clientRequest;
        this.maxBytes = maxBytes;
    }

    /** A body known in full, sent without a {@code Content-Type} unless the headers name one. */
    static Request.Content fixed(byte[] body)
    {
        return new BytesRequestContent((String)null, body);
    }

    /** True while nothing has been read, so the request may still go to another target. */
    synchronized boolean untouched()
    {
        return !touched;
    }

    /** True while the origin request waits for body bytes the client has not sent. */
    synchronized boolean waitingForClient()
    {
        return demand != null && !complete && failure == null;
    }

    /** The whole body, when it has been read and is at most {@value #RETAIN_LIMIT} bytes. */
    synchronized Optional<byte[]> retained()
    {
        if (!complete || tooLarge)
            return Optional.empty();
        return Optional.of(retained == null ? new byte[0] : retained.toByteArray());
    }

    /** True when the body is known to exceed {@value #RETAIN_LIMIT} bytes. */
    synchronized boolean tooLargeToRetain()
    {
        return tooLarge || clientRequest.getContentLengthLong() > RETAIN_LIMIT;
    }

    /** A fresh content source for {@code originRequest}, which is to carry it. */
    synchronized Request.Content newSource(Request originRequest)
    {
        feeding = originRequest;
        return new Source();
    }

    @Override
    public void onDataAvailable()
    {
        runDemand();
    }

    @Override
    public void onAllDataRead()
    {
        runDemand();
    }

    @Override
    public void onError(Throwable t)
    {
        failed(new ExchangeFailures.ClientBodyFailure(t));
    }

    private void failed(Throwable cause)
    {
        Throwable first;
        Runnable callback;
        Request origin;
        synchronized (this)
        {
            if (failure == null)
                failure = cause;
            first = failure;
            callback = demand;
            demand = null;
            origin = callback == null ? feeding : null;
            feeding = null;
        }
        if (callback != null)
        {
            // The origin request reads the failure and is aborted with it.
            callback.run();
        }
        else if (origin != null)
        {
            // It is not asking for the body just now (its connection may be backed up): abort it all the same.
            origin.abort(first);
        }
    }

    private void runDemand()
    {
        Runnable callback;
        synchronized (this)
        {
            callback = demand;
            demand = null;
        }
        if (callback != null)
            callback.run();
    }

    private synchronized Content.Chunk read()
    {
        if (failure != null)
            return Content.Chunk.from(failure, true);
        if (complete)
            return Content.Chunk.EOF;
        if (input == null)
            return null;
        try
        {
            if (input.isFinished())
                return end();
            if (!input.isReady())
                return null;
            if (buffer == null)
                buffer = new byte[16 * 1024];
            int n = input.read(buffer);
            if (n < 0)
                return end();
            total += n;
            if (maxBytes > 0 && total > maxBytes)
            {
                // A chunked body gave no length up front: it is cut off here instead.
                failure = new ExchangeFailures.RequestTooLarge(maxBytes);
                return Content.Chunk.from(failure, true);
            }
            retain(n);
            return Content.Chunk.from(ByteBuffer.wrap(Arrays.copyOf(buffer, n)), false);
        }
        catch (IOException | RuntimeException e)
        {
            // The container's own failure, of whatever type (Jetty's HttpException.RuntimeException is unchecked).
            failure = new ExchangeFailures.ClientBodyFailure(e);
            return Content.Chunk.from(failure, true);
        }
    }

    private Content.Chunk end()
    {
        complete = true;
        buffer = null;
        // A held request keeps its ClientBody, but not the origin request it was sent with.
        feeding = null;
        return Content.Chunk.EOF;
    }

    private void retain(int n)
    {
        if (tooLarge)
            return;
        if (retained == null)
            retained = new ByteArrayOutputStream(n);
        if (retained.size() + n > RETAIN_LIMIT)
        {
            tooLarge = true;
            retained = null;
        }
        else
            retained.write(buffer, 0, n);
    }

    private void demand(Runnable callback) throws IOException
    {
        boolean register;
        boolean ready;
        synchronized (this)
        {
            touched = true;
            demand = callback;
            register = input == null;
            if (register)
                input = clientRequest.getInputStream();
            ready = !register && (complete || failure != null || input.isFinished() || input.isReady());
        }
        if (register)
            input.setReadListener(this);
        else if (ready)
            runDemand();
    }

    /** One origin request's view of the body. */
    private final class Source implements Request.Content
    {
        // The client's Content-Type, if it sent one, is among the forwarded headers; without one the
        // body goes on without one, as Pushpin sends it (Jetty would add application/octet-stream).
        @Override
        public String getContentType()
        {
            return null;
        }

        @Override
        public long getLength()
        {
            return clientRequest.getContentLengthLong();
        }

        @Override
        public Content.Chunk read()
        {
            return ClientBody.this.read();
        }

        @Override
        public void demand(Runnable demandCallback)
        {
            try
            {
                ClientBody.this.demand(demandCallback);
            }
            catch (IOException e)
            {
                onError(e);
            }
            catch (IllegalStateException e)
            {
                // The body was taken some other way: Holdfast's fault, not the client's.
                failed(e);
            }
        }

        @Override
        public void fail(Throwable failure)
        {
            // A failed origin request says nothing about the client's body: it may go to the next target.
        }
    }
}
