// SPDX-License-Identifier: Apache-2.0
package io.holdfast.net;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices, with no write, that the client of a request still being answered has gone (FIN or RST).
 * Neither Jetty nor Tomcat reads from an HTTP/1.1 connection while its request is handled, so a
 * held stream or long-poll whose client left kept its socket and subscriptions until the next
 * write, which on a quiet channel might never come. Here a request still unanswered
 * {@value #GRACE_MILLIS} ms after it was read is watched for readability on a selector of its own,
 * beside the container's (a channel may be registered with several). Readable with nothing to read
 * means end of stream or a reset: the request's {@link Watched#departed} runs, within about a
 * second of the client leaving. Readable with bytes waiting (a pipelined request) means the client
 * is there: the watch lets go and leaves the bytes to the container. Nothing is ever read, so the
 * container's view of the connection is untouched. Requests answered sooner (nearly all proxied
 * ones) cost a queue entry and nothing else.
 *
 * <p>Pure JDK: the container code (Holdfast's Jetty connection) and the webapp (on Tomcat) each run
 * one. One thread, started on first use and stopped with its owner. Thread-safe.
 */
public final class DepartureWatch
{
    private static final Logger LOG = LoggerFactory.getLogger(DepartureWatch.class);
    public static final long GRACE_MILLIS = 500;
    private static final long TICK_MILLIS = 250;

    /** A request being answered, whose client may leave meanwhile. */
    public interface Watched
    {
        /** Its connection's channel; null when it has none to watch. */
        SocketChannel channel();

        /** The client closed or reset the connection. Called on the watch's thread, at most once. */
        void departed(IOException cause);
    }

    /** One watched request, until {@link #release}. */
    public static final class Ticket
    {
        private final Watched watched;
        private final long since = System.nanoTime();
        private boolean done;
        private volatile SelectionKey key;

        private Ticket(Watched watched)
        {
            this.watched = watched;
        }
    }

    private final Queue<Ticket> arrivals = new ConcurrentLinkedQueue<>();
    private final Queue<Ticket> waiting = new ArrayDeque<>();
    private final String name;
    private Selector selector;
    private Thread thread;
    private volatile boolean running;
    private boolean stopped;

    public DepartureWatch(String name)
    {
        this.name = name;
    }

    /** Starts watching a request that has been read in full; hand the ticket to {@link #release} when it is answered. */
    public Ticket watch(Watched watched)
    {
        Ticket ticket = new Ticket(watched);
        if (running || start())
            arrivals.add(ticket);
        return ticket;
    }

    /**
     * The request was answered, or failed: stop watching it. Any thread. A departure noticed just
     * before may still be reported after this returns; its client is gone then, so the report only
     * ends what has ended already.
     */
    public void release(Ticket ticket)
    {
        // After this no departure is noticed for it.
        synchronized (ticket)
        {
            ticket.done = true;
        }
        SelectionKey key = ticket.key;
        if (key != null)
        {
            key.cancel();
            // Deregister now, not at the next tick: the socket's descriptor is freed only then.
            selector.wakeup();
        }
    }

    public synchronized void stop()
    {
        stopped = true;
        if (!running)
            return;
        running = false;
        selector.wakeup();
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean start()
    {
        if (running || stopped)
            return running;
        try
        {
            selector = Selector.open();
        }
        catch (IOException e)
        {
            LOG.warn("cannot watch for departed clients: they are noticed at the next write", e);
            stopped = true;
            return false;
        }
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    private void run()
    {
        try (Selector open = selector)
        {
            while (running)
            {
                open.select(TICK_MILLIS);
                for (SelectionKey key : open.selectedKeys())
                    readable(key);
                open.selectedKeys().clear();
                registerDue(open);
            }
        }
        catch (IOException | RuntimeException e)
        {
            LOG.warn("departed clients are no longer noticed before the next write", e);
        }
        finally
        {
            running = false;
        }
    }

    // Requests read more than the grace period ago and still unanswered start being watched.
    private void registerDue(Selector open)
    {
        for (Ticket ticket = arrivals.poll(); ticket != null; ticket = arrivals.poll())
            waiting.add(ticket);
        long due = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        for (Ticket ticket = waiting.peek(); ticket != null && ticket.since - due <= 0; ticket = waiting.peek())
        {
            waiting.poll();
            SocketChannel channel = ticket.watched.channel();
            if (channel == null)
                continue;
            synchronized (ticket)
            {
                if (ticket.done)
                    continue;
                try
                {
                    ticket.key = channel.register(open, SelectionKey.OP_READ, ticket);
                }
                catch (ClosedChannelException | CancelledKeyException gone)
                {
                    // closed meanwhile: the container has noticed already
                }
            }
        }
    }

    private void readable(SelectionKey key)
    {
        Ticket ticket = (Ticket)key.attachment();
        key.cancel();
        synchronized (ticket)
        {
            if (ticket.done)
                return;
            ticket.done = true;
        }
        // Reported outside the ticket's monitor: departed() takes the container's locks, and a
        // container thread ending the response may hold those while it releases the ticket.
        try
        {
            // Peeked, never read: bytes waiting are the container's (a pipelined request).
            if (((SocketChannel)key.channel()).socket().getInputStream().available() > 0)
                return;
        }
        catch (IOException closed)
        {
            // as good as gone
        }
        ticket.watched.departed(new EOFException("the client closed the connection"));
    }
}
