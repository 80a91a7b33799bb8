// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
 * touched by another thread): it creates and binds or connects them, polls them together with a
 * wake-up pipe, hands each message to {@link #received}, and closes them when stopped. Other threads
 * talk to it only through queues and {@link #wake()}. Bad input never ends the loop: whatever a
 * handler throws is logged and counted as rejected.
 *
 * <p>Lifecycle: {@link #start()} returns once the sockets are bound (or throws the bind error, so a
 * bad endpoint fails the deployment); {@link #stop()} ends the thread, which closes its sockets, and
 * joins it. The context is terminated by the owner after every loop stopped.
 */
abstract class ZmqLoop
{
    static final Logger LOG = LoggerFactory.getLogger("io.holdfast.publish");
    private static final int BATCH = 1000;
    private static final long START_TIMEOUT_SECONDS = 10;
    private static final long STOP_TIMEOUT_MILLIS = 5000;

    final ZMQ.Context context;
    private final String name;
    private final Pipe wakeup;
    private final List<ZMQ.Socket> sockets = new ArrayList<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicLong rejected = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;

    ZmqLoop(ZMQ.Context context, String name)
    {
        this.context = context;
        this.name = name;
        try
        {
            this.wakeup = Pipe.open();
            wakeup.source().configureBlocking(false);
            wakeup.sink().configureBlocking(false);
        }
        catch (IOException e)
        {
            throw new IllegalStateException("cannot open a pipe for " + name, e);
        }
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

    /** On the loop thread: how long to wait for input before {@link #woken()} runs anyway; -1 for no limit. */
    long pollMillis()
    {
        return -1;
    }

    /** On the loop thread: a socket with linger 0 that the loop closes when it stops. */
    final ZMQ.Socket socket(SocketType type)
    {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(0);
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

    final void start() throws Exception
    {
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
        try
        {
            // a full pipe already holds a wake-up, so a short write is fine
            wakeup.sink().write(ByteBuffer.wrap(new byte[] {1}));
        }
        catch (IOException ignored)
        {
            // closed: the loop has stopped
        }
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
        closeQuietly(wakeup.sink());
        closeQuietly(wakeup.source());
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
        ZMQ.Poller poller = context.poller(inputs.size() + 1);
        try
        {
            int wakeIndex = poller.register(wakeup.source(), ZMQ.Poller.POLLIN);
            for (ZMQ.Socket input : inputs)
                poller.register(input, ZMQ.Poller.POLLIN);
            while (!stopping)
            {
                poller.poll(pollMillis());
                if (poller.pollin(wakeIndex))
                    drainWakeups();
                if (stopping)
                    break;
                for (int i = 0; i < inputs.size(); i++)
                {
                    if (poller.pollin(i + 1))
                        readBatch(inputs.get(i));
                }
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

    private void readBatch(ZMQ.Socket socket)
    {
        for (int n = 0; n < BATCH; n++)
        {
            ZMsg message = ZMsg.recvMsg(socket, ZMQ.DONTWAIT);
            if (message == null)
                return;
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

    private void drainWakeups()
    {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        try
        {
            while (wakeup.source().read(buffer) > 0)
                buffer.clear();
        }
        catch (IOException ignored)
        {
            // closed while stopping
        }
    }

    private void closeSockets()
    {
        sockets.forEach(ZMQ.Socket::close);
        sockets.clear();
    }

    private static void closeQuietly(java.nio.channels.Channel channel)
    {
        try
        {
            channel.close();
        }
        catch (IOException ignored)
        {
            // nothing to do
        }
    }
}
