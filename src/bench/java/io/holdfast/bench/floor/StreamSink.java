// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench.floor;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The bare-Jetty target's held streams: {@code GET /stream?ch=C} stays open, and {@link #publish}
 * writes bytes to every stream of a channel on the publishing thread, each with one non-blocking
 * write and flush through the Servlet API and nothing else (no queue, no per-client format; a
 * client that cannot take the bytes at once misses them). It is the least any servlet must do per
 * delivery, so its fan-out latency is the floor under Holdfast's. Thread-safe.
 */
public final class StreamSink extends HttpServlet
{
    private static final Map<String, Set<Held>> CHANNELS = new ConcurrentHashMap<>();
    private static final AtomicInteger HELD = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest clientRequest, HttpServletResponse clientResponse) throws IOException
    {
        String channel = String.valueOf(clientRequest.getParameter("ch"));
        AsyncContext async = clientRequest.startAsync();
        async.setTimeout(0);
        clientResponse.setContentType("text/event-stream");
        Held held = new Held(channel, async, clientResponse.getOutputStream());
        async.addListener(held);
        CHANNELS.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(held);
        HELD.incrementAndGet();
        held.out.setWriteListener(held);
    }

    static boolean anyHeld()
    {
        return HELD.get() > 0;
    }

    /** Writes {@code bytes} to the channel's streams, or ends them when {@code bytes} is null. */
    static void publish(String channel, byte[] bytes)
    {
        Set<Held> streams = CHANNELS.get(channel);
        if (streams == null)
            return;
        for (Held held : streams)
        {
            if (bytes == null)
                held.end();
            else
                held.send(bytes);
        }
    }

    private static final class Held implements WriteListener, AsyncListener
    {
        private final String channel;
        private final AsyncContext async;
        private final ServletOutputStream out;
        // The head is committed by the first flush, so the client sees the stream open.
        private boolean needsFlush = true;

        Held(String channel, AsyncContext async, ServletOutputStream out)
        {
            this.channel = channel;
            this.async = async;
            this.out = out;
        }

        synchronized void send(byte[] bytes)
        {
            try
            {
                if (!out.isReady())
                    return;
                out.write(bytes);
                needsFlush = true;
                flushIfReady();
            }
            catch (IOException | IllegalStateException e)
            {
                end();
            }
        }

        @Override
        public synchronized void onWritePossible() throws IOException
        {
            flushIfReady();
        }

        private void flushIfReady() throws IOException
        {
            if (needsFlush && out.isReady())
            {
                needsFlush = false;
                out.flush();
            }
        }

        void end()
        {
            forget();
            try
            {
                async.complete();
            }
            catch (IllegalStateException alreadyOver)
            {
                // completed or failed meanwhile
            }
        }

        private void forget()
        {
            // A channel's (empty) set stays: the benchmark uses few channels.
            if (CHANNELS.get(channel).remove(this))
                HELD.decrementAndGet();
        }

        @Override
        public void onError(Throwable failure)
        {
            forget();
        }

        @Override
        public void onComplete(AsyncEvent event)
        {
            forget();
        }

        @Override
        public void onTimeout(AsyncEvent event)
        {
            forget();
        }

        @Override
        public void onError(AsyncEvent event)
        {
            forget();
        }

        @Override
        public void onStartAsync(AsyncEvent event)
        {
        }
    }
}
