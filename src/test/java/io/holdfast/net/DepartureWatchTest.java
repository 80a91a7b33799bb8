// SPDX-License-Identifier: Apache-2.0
package io.holdfast.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link DepartureWatch} on real loopback sockets: a client that closes or resets, or that sends bytes. */
class DepartureWatchTest
{
    private final DepartureWatch watch = new DepartureWatch("test-departures");
    private ServerSocketChannel server;

    @BeforeEach
    void listen() throws IOException
    {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() throws IOException
    {
        watch.stop();
        server.close();
    }

    /** A server side of a connection, watched, counting departures. */
    private class Held implements DepartureWatch.Watched
    {
        final Socket client;
        final SocketChannel channel;
        final CountDownLatch departed = new CountDownLatch(1);
        final AtomicInteger departures = new AtomicInteger();

        Held() throws IOException
        {
            client = new Socket(InetAddress.getLoopbackAddress(), ((InetSocketAddress)server.getLocalAddress()).getPort());
            channel = server.accept();
            channel.configureBlocking(false);
        }

        @Override
        public SocketChannel channel()
        {
            return channel;
        }

        @Override
        public void departed(IOException cause)
        {
            departures.incrementAndGet();
            departed.countDown();
        }
    }

    @Test
    void aClientThatClosesIsNoticedWithinASecond() throws Exception
    {
        Held held = new Held();
        watch.watch(held);
        long start = System.nanoTime();
        held.client.close();
        assertTrue(held.departed.await(3, TimeUnit.SECONDS), "FIN noticed");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 1000 + DepartureWatch.GRACE_MILLIS, "noticed after " + millis + " ms");
        held.channel.close();
    }

    @Test
    void aClientThatResetsIsNoticedToo() throws Exception
    {
        Held held = new Held();
        watch.watch(held);
        held.client.setSoLinger(true, 0);
        held.client.close();
        assertTrue(held.departed.await(3, TimeUnit.SECONDS), "RST noticed");
        assertEquals(1, held.departures.get());
        held.channel.close();
    }

    @Test
    void bytesFromAClientThatStaysAreLeftForTheContainer() throws Exception
    {
        Held held = new Held();
        watch.watch(held);
        held.client.getOutputStream().write("GET /next HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        // Past the grace period the watch looks, sees bytes waiting, and lets go without reading them.
        assertFalse(held.departed.await(DepartureWatch.GRACE_MILLIS + 600, TimeUnit.MILLISECONDS));
        ByteBuffer read = ByteBuffer.allocate(100);
        held.channel.read(read);
        assertEquals("GET /next HTTP/1.1\r\n", new String(read.array(), 0, read.position(), StandardCharsets.US_ASCII));
        held.client.close();
        assertFalse(held.departed.await(600, TimeUnit.MILLISECONDS), "a connection that sent bytes is no longer watched");
        held.channel.close();
    }

    @Test
    void aRequestAnsweredIsNeverReportedEvenIfItsClientLeavesLater() throws Exception
    {
        Held early = new Held();
        watch.release(watch.watch(early));
        Held late = new Held();
        DepartureWatch.Ticket ticket = watch.watch(late);
        // Past the grace period, so that it is registered, then answered.
        assertFalse(late.departed.await(DepartureWatch.GRACE_MILLIS + 400, TimeUnit.MILLISECONDS));
        watch.release(ticket);
        early.client.close();
        late.client.close();
        assertFalse(early.departed.await(DepartureWatch.GRACE_MILLIS + 600, TimeUnit.MILLISECONDS));
        assertFalse(late.departed.await(100, TimeUnit.MILLISECONDS));
        early.channel.close();
        late.channel.close();
    }

    @Test
    void aContainerThreadReleasingWhileTheDepartureIsReportedDoesNotDeadlock() throws Exception
    {
        // The container reports a departure under its own lock, and ends responses (releasing their
        // ticket) under the same lock: both at once must not wait for each other.
        Object containerLock = new Object();
        CountDownLatch reporting = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        DepartureWatch.Ticket[] ticket = new DepartureWatch.Ticket[1];
        Held held = new Held()
        {
            @Override
            public void departed(IOException cause)
            {
                reporting.countDown();
                synchronized (containerLock)
                {
                    super.departed(cause);
                }
            }
        };
        Thread ending;
        synchronized (containerLock)
        {
            ticket[0] = watch.watch(held);
            held.client.setSoLinger(true, 0);
            held.client.close();
            assertTrue(reporting.await(3, TimeUnit.SECONDS), "RST noticed");
            ending = new Thread(() ->
            {
                watch.release(ticket[0]);
                done.countDown();
            });
            ending.start();
            assertTrue(done.await(3, TimeUnit.SECONDS), "released while the departure waits for the container");
        }
        assertTrue(held.departed.await(3, TimeUnit.SECONDS), "and the report went through");
        held.channel.close();
    }
}
