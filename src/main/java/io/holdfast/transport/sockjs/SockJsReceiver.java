// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;

import io.holdfast.format.HeaderField;
import io.holdfast.transport.http.ClientOutput;
import io.holdfast.transport.ws.WsEnvironment;

/**
 * One request that receives a session's frames: a poll ({@code xhr}, {@code jsonp}) is answered by
 * its first frame; a stream ({@code xhr_streaming}, {@code eventsource}) takes frames until it has
 * carried 128 KiB, then ends so the client can let go of what it read, and reconnects (SockJS
 * 0.3.3's response limit). Writes never block: a stream queues in a bounded {@link ClientOutput}.
 * Lifecycle: {@link #send} until it reports the receiver done; {@code onGone} gets the receiver, on
 * the proxy's timer, if the client goes away first. Not thread-safe: its session calls it under its own lock.
 */
final class SockJsReceiver
{
    /** What became of the receiver after a frame. */
    enum Sent
    {
        /** A stream that takes more. */
        MORE,
        /** Answered (a poll) or ended cleanly (a stream at its limit). */
        DONE,
        /** The client cannot keep up or is gone: the stream was dropped. */
        BROKEN
    }

    static final int RESPONSE_LIMIT = 128 * 1024;

    private final AsyncContext async;
    private final SockJsTransport transport;
    private final String callback;
    private final WsEnvironment env;
    private final Consumer<SockJsReceiver> onGone;
    private ClientOutput stream;
    private long written;
    private volatile boolean done;

    /**
     * @param callback a JSONP request's callback, else null
     * @param onGone what to do when the client leaves before the receiver is done
     */
    SockJsReceiver(AsyncContext async, SockJsTransport transport, String callback, WsEnvironment env,
                   Consumer<SockJsReceiver> onGone)
    {
        this.async = async;
        this.transport = transport;
        this.callback = callback;
        this.env = env;
        this.onGone = onGone;
        if (!streaming())
            async.addListener(new PollListener());
    }

    boolean streaming()
    {
        return transport.role() == SockJsTransport.Role.STREAM;
    }

    Sent send(String frame)
    {
        if (done)
            return Sent.DONE;
        if (!streaming())
        {
            done = true;
            SockJsReplies.frame(async, transport, callback, frame);
            return Sent.DONE;
        }
        ClientOutput output = stream();
        if (output == null)
            return Sent.BROKEN;
        byte[] bytes = SockJsFrames.wrap(transport, frame, callback).getBytes(StandardCharsets.UTF_8);
        if (!output.offer(bytes))
        {
            done = true;
            output.abort();
            return Sent.BROKEN;
        }
        written += bytes.length;
        if (written < RESPONSE_LIMIT)
            return Sent.MORE;
        done = true;
        output.finish();
        return Sent.DONE;
    }

    /** Sends {@code frame} as the receiver's last. */
    void sendLast(String frame)
    {
        if (send(frame) == Sent.MORE)
        {
            done = true;
            stream.finish();
        }
    }

    /** The stream, its head and prelude written on first use; null if the client is already gone. */
    private ClientOutput stream()
    {
        if (stream != null)
            return stream;
        stream = new ClientOutput(async, env.queueMessages(), env.queueBytes(), env.metrics(), null,
            env.departures(), this::closed);
        HttpServletRequest request = (HttpServletRequest)async.getRequest();
        List<HeaderField> headers = SockJsReplies.common(request,
            List.of(new HeaderField("Content-Type", SockJsReplies.contentType(transport, callback))));
        headers.forEach(h -> stream.response().addHeader(h.name(), h.value()));
        try
        {
            stream.start();
        }
        catch (IOException | IllegalStateException e)
        {
            done = true;
            stream.abort();
            return null;
        }
        stream.offer(SockJsFrames.prelude(transport).getBytes(StandardCharsets.UTF_8));
        return stream;
    }

    // The output reports every end, the ones the receiver asked for too; only another is news. The
    // session hears of it on the timer, never on a thread that may hold its lock.
    private void closed()
    {
        if (!done)
            env.timer().execute(() -> onGone.accept(this));
    }

    /** A waiting poll's request failing or timing out is the client leaving. */
    private final class PollListener implements AsyncListener
    {
        @Override
        public void onError(AsyncEvent event)
        {
            closed();
        }

        @Override
        public void onTimeout(AsyncEvent event)
        {
            closed();
        }

        @Override
        public void onComplete(AsyncEvent event)
        {
        }

        @Override
        public void onStartAsync(AsyncEvent event)
        {
        }
    }
}
