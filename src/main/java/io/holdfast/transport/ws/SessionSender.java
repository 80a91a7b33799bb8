// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import io.holdfast.stats.HubMetrics;

/**
 * Sends to one WebSocket session without blocking: a bounded FIFO with exactly one message in
 * flight, the next sent from the completion of the last. One in flight is what Tomcat allows
 * (Jetty would queue without limit); the bound is the slow-consumer policy: a peer too far
 * behind makes {@link #offer} return false, and the caller closes it. Closing runs on
 * {@code closer}, since a container may block while it writes the close frame. Thread-safe.
 */
final class SessionSender implements SendHandler, ClientLeg
{
    private final Session session;
    private final int maxMessages;
    private final long maxBytes;
    private final Executor closer;
    private final HubMetrics metrics;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private long inFlightPublishedNanos;
    private long queuedBytes;
    private boolean inFlight;
    private boolean pumping;
    private boolean closed;
    private final LongSupplier nanoClock;
    private volatile long lastSendNanos;

    /** A queued message and when the publish that produced it started (0: not a publish). */
    private record Queued(Outgoing message, long publishedNanos)
    {
    }

    SessionSender(Session session, int maxMessages, long maxBytes, Executor closer, HubMetrics metrics, LongSupplier nanoClock)
    {
        this.nanoClock = nanoClock;
        this.lastSendNanos = nanoClock.getAsLong();
        this.metrics = metrics;
        this.session = session;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.closer = closer;
    }

    /** Queues {@code message}; false when the peer is too far behind (the caller closes it). */
    @Override
    public boolean offer(Outgoing message, long publishedNanos)
    {
        synchronized (this)
        {
            if (closed)
                return true;
            if (queue.size() >= maxMessages || queuedBytes + message.size() > maxBytes)
                return false;
            queue.add(new Queued(message, publishedNanos));
            queuedBytes += message.size();
            metrics.budget().add(message.size());
            lastSendNanos = nanoClock.getAsLong();
            pump();
        }
        return true;
    }

    /** Drops what is queued and closes the session with {@code reason}, off the calling thread. */
    @Override
    public void close(CloseReason reason)
    {
        synchronized (this)
        {
            if (closed)
                return;
            closed = true;
            dropQueue();
        }
        closer.execute(() ->
        {
            try
            {
                session.close(reason);
            }
            catch (IOException | RuntimeException ignored)
            {
                // already gone
            }
        });
    }

    @Override
    public boolean isBacklogged()
    {
        synchronized (this)
        {
            return inFlight || !queue.isEmpty();
        }
    }

    @Override
    public long lastSendNanos()
    {
        return lastSendNanos;
    }

    @Override
    public void onResult(SendResult result)
    {
        synchronized (this)
        {
            inFlight = false;
            if (!result.isOK())
            {
                closed = true;
                dropQueue();
                return;
            }
            metrics.deliveredAfter(inFlightPublishedNanos);
            pump();
        }
    }

    // Called with the monitor held. A send may complete on this very thread and call onResult,
    // which calls pump again: the flag turns that nested call into another turn of this loop.
    private void pump()
    {
        if (pumping)
            return;
        pumping = true;
        try
        {
            while (!inFlight && !closed && !queue.isEmpty())
            {
                Queued next = queue.poll();
                queuedBytes -= next.message().size();
                metrics.budget().release(next.message().size());
                inFlightPublishedNanos = next.publishedNanos();
                send(next.message());
            }
        }
        finally
        {
            pumping = false;
        }
    }

    private void send(Outgoing message)
    {
        try
        {
            if (message instanceof Text text)
            {
                inFlight = true;
                session.getAsyncRemote().sendText(text.text(), this);
            }
            else if (message instanceof Binary binary)
            {
                inFlight = true;
                session.getAsyncRemote().sendBinary(binary.data(), this);
            }
            else if (message instanceof Ping ping)
                session.getAsyncRemote().sendPing(ping.data());
            else if (message instanceof Pong pong)
                session.getAsyncRemote().sendPong(pong.data());
        }
        catch (IOException | RuntimeException e)
        {
            inFlight = false;
            closed = true;
            dropQueue();
        }
    }

    // Called with the monitor held.
    private void dropQueue()
    {
        metrics.budget().release(queuedBytes);
        queue.clear();
        queuedBytes = 0;
    }
}
