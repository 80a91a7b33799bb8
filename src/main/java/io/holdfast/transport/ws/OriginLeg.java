// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The origin side of one client WebSocket, whatever the origin speaks: a WebSocket of its own
 * ({@link NativeWsOriginLeg}) or WebSocket-over-HTTP exchanges. Lifecycle: {@link #open} once (the
 * client's handshake is answered only after it), then messages both ways, then {@link #close} or
 * {@link #disconnect}. Send methods never block; implementations are thread-safe.
 */
public interface OriginLeg
{
    /** What the origin side reports, on the leg's own threads, never concurrently for one leg. */
    interface Listener
    {
        void onText(String text);

        void onBinary(ByteBuffer data);

        void onPing(ByteBuffer data);

        void onPong(ByteBuffer data);

        /** The origin closed cleanly; {@code code} is -1 when it gave none. */
        void onClose(int code, String reason);

        /** The origin side failed or vanished. */
        void onFailure(Throwable failure);
    }

    /**
     * Opens the origin side; blocks at most for the connect and handshake timeouts. An origin
     * that answers but refuses gives {@link HandshakeAnswer.Rejected}; one that cannot be reached
     * throws.
     */
    HandshakeAnswer open(Listener listener) throws IOException;

    void sendText(String text);

    void sendBinary(ByteBuffer data);

    void sendPing(ByteBuffer data);

    void sendPong(ByteBuffer data);

    /** The client closed: pass its close on ({@code code} -1 for none). */
    void close(int code, String reason);

    /** Asks the origin something now, if this kind of origin can be asked (WebSocket-over-HTTP). */
    default void refresh()
    {
    }

    /**
     * The client vanished, or the origin side is no longer wanted (detach, a client dropped for
     * being slow): end it at once. A no-op once the leg is closed.
     */
    void disconnect();
}
