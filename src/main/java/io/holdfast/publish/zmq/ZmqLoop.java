// SPDX-License-Identifier: Apache-2.0
// Over 300 lines: one thread's ownership of its sockets (create, poll, queued work, close) is one
// state machine; the handlers it calls live in the input classes.
package io.holdfast.publish.zmq;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import org.zeromq.ZMsg;


/**
 * One thread that owns ZeroMQ sockets for their whole life (platform notes: a socket is never
 * touched by another thread): it creates and binds or connects them, hands each message from its
 * input sockets to {@link #received}, runs {@link #woken()} for work other threads queued, and closes
 * the sockets when stopped. Other threads talk to it only through queues and {@link #wake()}. Bad
 * input never ends the loop: whatever a handler throws is logged and counted as rejected.
 *
 * <p>A loop with input sockets polls them for at most {@value #POLL_MILLIS} ms at a time and does
 * its queued work in between (a ZeroMQ poll cannot be woken from another thread without a socket of
 * that thread's own); a loop without input sockets (a PUB socket) sleeps until woken.
 *
 * <p>Lifecycle: {@link #start()} returns once the sockets are bound (or throws the bind error, so a
 * bad endpoint fails the deployment); {@link #stop()} ends the thread, which closes its sockets, and
 * joins it. The context is terminated by the owner after every loop stopped.
 */
abstract class ZmqLoop
{
    static final Logger LOG = LoggerFactory.getLogger("io.holdfast.publish");
    private static final int BATCH = 1000;
    static final long POLL_MILLIS = 25;
    static final int HANDSHAKE_MILLIS = 2000;
    private static final long START_TIMEOUT_SECONDS = 10;
    private static final long STOP_TIMEOUT_MILLIS = 5000;

    final ZMQ.Context context;
    private final String name;
    private final Semaphore wakeups = new Semaphore(0);
    private final List<ZMQ.Socket> sockets = new ArrayList<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;

    ZmqLoop(ZMQ.Context context, String name)
    {
        this.context = context;
        this.name = name;
        this.thread = new Thread(this::run, "holdfast-zmq-" + name);
        thread.setDaemon(true);
    }

    /** On the loop thread: creates the sockets with {@link #socket}; returns those to read from. */
    abstract List<ZMQ.Socket> open();

    /** On the loop thread: one whole message from {@code socket}. */
    void received(ZMQ.Socket socket, ZMsg message)
    {
    }

    /** On the loop thread: after every wake-up, input or timeout; sends what other threads queued. */
    void woken()
    {
    }

    /** On the loop thread: how long to wait before {@link #woken()} runs anyway; -1 for no limit. */
    long pollMillis()
    {
        return -1;
    }

    /**
     * On the loop thread: a socket with linger 0 that the loop closes when it stops. Its handshakes
     * give up after {@value #HANDSHAKE_MILLIS} ms, so the connection is made again: jeromq now and
     * then never reads the peer's greeting on a fresh TCP connection (about 1 in 100 here), and
     * would otherwise leave that publisher, subscriber or peer connected but silent for 30 s.
     */
    final ZMQ.Socket socket(SocketType type)
    {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(0);
        socket.setHandshakeIvl(HANDSHAKE_MILLIS);
        sockets.add(socket);
        return socket;
    }

    /** Binds {@code socket} and returns the endpoint it got (a {@code *} port resolved). */
    static String bind(ZMQ.Socket socket, String endpoint)
    {
        try
        {
            socket.bind(endpoint);
        }
        catch (ZMQException e)
        {
            throw new IllegalArgumentException("cannot bind " + endpoint + ": " + e.getMessage(), e);
        }
        return socket.getLastEndpoint();
    }

    static void connect(ZMQ.Socket socket, String endpoint)
    {
        try
        {
            socket.connect(endpoint);
        }
        catch (ZMQException e)
        {
            throw new IllegalArgumentException("cannot connect to " + endpoint + ": " + e.getMessage(), e);
        }
    }

    /** Logs a message this loop drops and counts it. */
    final void reject(String why)
    {
        rejected.incrementAndGet();
        LOG.warn("IN {}: {}, skipping", name, why);
    }

    /** Messages dropped as invalid since start. */
    final long rejected()
    {
        return rejected.get();
    }

    /** Messages read from the input sockets since start, valid or not. */
    final long received()
    {
        return received.get();
    }

    /** Starts the thread, named after the loop and the instance that owns it. */
    final void start(String instance) throws Exception
    {
        thread.setName(thread.getName() + "@" + instance);
        thread.start();
        try
        {
            ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (ExecutionException e)
        {
            stop();
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        catch (TimeoutException e)
        {
            stop();
            throw new IllegalStateException("ZeroMQ " + name + " did not start", e);
        }
    }

    /** Makes the loop run {@link #woken()} soon; callable from any thread, never blocks. */
    final void wake()
    {
        wakeups.release();
    }

    final void stop()
    {
        stopping = true;
        wake();
        try
        {
            thread.join(STOP_TIMEOUT_MILLIS);
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive())
            LOG.warn("ZeroMQ {} did not stop in time", name);
    }

    private void run()
    {
        List<ZMQ.Socket> inputs;
        try
        {
            inputs = open();
        }
        catch (RuntimeException e)
        {
            closeSockets();
            ready.completeExceptionally(e);
            return;
        }
        ready.complete(null);
        ZMQ.Poller poller = context.poller(Math.max(1, inputs.size()));
        try
        {
            for (ZMQ.Socket input : inputs)
                poller.register(input, ZMQ.Poller.POLLIN);
            while (!stopping)
            {
                long wait = pollMillis();
                if (inputs.isEmpty())
                {
                    awaitWakeup(wait);
                }
                else
                {
                    poller.poll(wait < 0 ? POLL_MILLIS : Math.min(wait, POLL_MILLIS));
                    for (int i = 0; i < inputs.size(); i++)
                    {
                        if (poller.pollin(i))
                            readBatch(inputs.get(i));
                    }
                }
                if (stopping)
                    break;
                woken();
            }
        }
        catch (RuntimeException e)
        {
            LOG.error("ZeroMQ {} failed", name, e);
        }
        finally
        {
            poller.close();
            closeSockets();
        }
    }

    private void awaitWakeup(long wait)
    {
        try
        {
            if (wait < 0)
                wakeups.acquire();
            else
                wakeups.tryAcquire(wait, TimeUnit.MILLISECONDS);
            // one pass handles every queued item, so the other wake-ups are spent too
            wakeups.drainPermits();
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private void readBatch(ZMQ.Socket socket)
    {
        for (int n = 0; n < BATCH; n++)
        {
            ZMsg message = ZMsg.recvMsg(socket, ZMQ.DONTWAIT);
            if (message == null)
                return;
            received.incrementAndGet();
            try
            {
                received(socket, message);
            }
            catch (RuntimeException e)
            {
                reject("failed to handle message: " + e);
            }
        }
    }

    private void closeSockets()
    {
        sockets.forEach(ZMQ.Socket::close);
        sockets.clear();
    }
}
