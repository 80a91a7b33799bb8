// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A publisher's and a monitor's side of Holdfast's ZeroMQ sockets, on jeromq: PUSH to the PULL
 * input, PUB or XPUB for the SUB input, REQ for the command socket, SUB for stats. Used by one test
 * thread; closing it closes every socket it made.
 */
public final class ZmqClient implements AutoCloseable
{
    private static final int TIMEOUT_MILLIS = 5000;

    private final ZContext context = new ZContext();
    private final Map<String, ZMQ.Socket> requesters = new HashMap<>();

    /** A PUSH socket connected to {@code endpoint}; what it sends is not dropped on close. */
    public ZMQ.Socket push(String endpoint)
    {
        ZMQ.Socket socket = created(SocketType.PUSH);
        socket.setLinger(TIMEOUT_MILLIS);
        socket.connect(endpoint);
        return socket;
    }

    /**
     * A PUSH socket connected to {@code endpoint} once a message over it is known to have arrived:
     * it sends a probe item (channel {@code warm-up}) until {@code received} grows, which also
     * outlasts a handshake jeromq stalled and made again.
     */
    public ZMQ.Socket push(String endpoint, LongSupplier received)
    {
        ZMQ.Socket push = push(endpoint);
        long before = received.getAsLong();
        for (int attempt = 0; attempt < 10 && received.getAsLong() == before; attempt++)
        {
            push.send("J{\"channel\":\"warm-up\",\"formats\":{\"http-stream\":{\"content\":\"\"}}}");
            long until = System.nanoTime() + 500_000_000L;
            while (received.getAsLong() == before && System.nanoTime() < until)
                Thread.onSpinWait();
        }
        if (received.getAsLong() == before)
            throw new AssertionError("nothing arrives over " + endpoint);
        return push;
    }

    /** A socket of {@code type} (PUB, XPUB) that binds {@code endpoint} ({@code *} port allowed). */
    public ZMQ.Socket bound(SocketType type, String endpoint)
    {
        ZMQ.Socket socket = socket(type);
        socket.bind(endpoint);
        return socket;
    }

    /** A socket of {@code type} (PUB, XPUB, SUB) connected to {@code endpoint}. */
    public ZMQ.Socket connected(SocketType type, String endpoint)
    {
        ZMQ.Socket socket = socket(type);
        if (type == SocketType.XPUB)
            socket.setXpubVerbose(true);
        if (type == SocketType.SUB)
            socket.subscribe(new byte[0]);
        socket.connect(endpoint);
        return socket;
    }

    /**
     * Sends {@code request} on this client's REQ socket for {@code endpoint} and returns the reply;
     * fails after a few seconds. The socket is kept for the next request, as a command client does
     * (a jeromq REQ socket sending right after connecting sometimes loses that first request).
     */
    public byte[] request(String endpoint, byte[] request)
    {
        ZMQ.Socket req = requesters.computeIfAbsent(endpoint, e ->
        {
            ZMQ.Socket socket = socket(SocketType.REQ);
            socket.connect(e);
            return socket;
        });
        req.send(request);
        byte[] reply = req.recv();
        if (reply == null)
        {
            // a REQ socket that got no answer cannot send again
            context.destroySocket(requesters.remove(endpoint));
            throw new AssertionError("no reply from " + endpoint);
        }
        return reply;
    }

    // linger 0 and a receive timeout, so neither closing nor a missing answer hangs a test
    private ZMQ.Socket socket(SocketType type)
    {
        ZMQ.Socket socket = created(type);
        socket.setLinger(0);
        socket.setReceiveTimeOut(TIMEOUT_MILLIS);
        return socket;
    }

    /**
     * jeromq now and then never reads the peer's greeting on a fresh connection; a short handshake
     * limit makes the socket connect again within a second instead of staying silent for 30 s.
     */
    private ZMQ.Socket created(SocketType type)
    {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setHandshakeIvl(500);
        return socket;
    }

    public static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(byte[] bytes)
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close()
    {
        context.close();
    }
}
