// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

/** How opening the origin side of a proxied WebSocket ended, over all of a route's targets. Immutable. */
public sealed interface OriginOpening
{
    /**
     * A target accepted: the session, ready for its client side ({@link WsSession#clientOpened}),
     * and the origin's answer (headers for the client's handshake, the subprotocol).
     *
     * @param target the target that accepted, as the request log names it
     * @param grip whether GRIP is on for the session
     */
    record Opened(WsSession session, HandshakeAnswer.Accepted accepted, String target, boolean grip) implements OriginOpening
    {
    }

    /** A target answered but refused: its answer is for the client. */
    record Refused(HandshakeAnswer.Rejected rejected) implements OriginOpening
    {
    }

    /** No target could be reached (or the container has no WebSockets): a plain error for the client. */
    record Failed(int status, String body) implements OriginOpening
    {
    }
}
