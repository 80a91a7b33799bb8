// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.nio.ByteBuffer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * The client side of one GRIP WebSocket session, whatever carries it: a Jakarta WebSocket
 * ({@link SessionSender}) or a SockJS session, which frames the same messages its own way.
 * {@link WsSession} only sees this. Lifecycle: messages are offered until {@link #close}; offering
 * never blocks, and a false return means the client is too far behind (the session then closes
 * it). Implementations are thread-safe.
 */
public interface ClientLeg
{
    /** One message for the client. */
    sealed interface Outgoing
    {
        int size();
    }

    record Text(String text) implements Outgoing
    {
        public int size()
        {
            return text.length();
        }
    }

    record Binary(ByteBuffer data) implements Outgoing
    {
        public int size()
        {
            return data.remaining();
        }
    }

    record Ping(ByteBuffer data) implements Outgoing
    {
        public int size()
        {
            return data.remaining();
        }
    }

    record Pong(ByteBuffer data) implements Outgoing
    {
        public int size()
        {
            return data.remaining();
        }
    }

    /**
     * Queues {@code message}; false when the client is too far behind (the caller closes it).
     * {@code publishedNanos} is when the publish it comes from started (0: not a publish's), so
     * its latency is reported once written.
     */
    boolean offer(Outgoing message, long publishedNanos);

    /** Queues a message that is not a publish's (the origin's, a heartbeat). */
    default boolean offer(Outgoing message)
    {
        return offer(message, 0);
    }

    /** Drops what is queued (where the transport must) and closes the client with {@code reason}. */
    void close(CloseReason reason);

    /** True while something offered has not been written yet. */
    boolean isBacklogged();

    /** When something was last offered; idle keep-alives are measured from it. */
    long lastSendNanos();

    /**
     * The client side over a Jakarta WebSocket session, with the environment's limits on what the
     * client may send and the slow-consumer bounds on what is queued for it.
     */
    static ClientLeg of(Session session, WsEnvironment env)
    {
        session.setMaxTextMessageBufferSize(env.maxMessageBytes());
        session.setMaxBinaryMessageBufferSize(env.maxMessageBytes());
        session.setMaxIdleTimeout(0);
        return new SessionSender(session, env.queueMessages(), env.queueBytes(), env.closer(), env.metrics(), env.clock().nanos());
    }
}
