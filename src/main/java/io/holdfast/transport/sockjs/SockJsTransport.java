// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.util.Optional;
import java.util.Set;

/**
 * The transports a SockJS client names in the last part of a session URL
 * ({@code /<server>/<session>/<transport>}), SockJS protocol 0.3.3. Each either carries the
 * session itself (a WebSocket), receives frames (polling: one response per request; streaming: a
 * response that stays open) or sends the client's messages. Immutable.
 */
enum SockJsTransport
{
    WEBSOCKET("websocket", Role.SOCKET, Set.of("GET")),
    XHR("xhr", Role.POLL, Set.of("POST")),
    JSONP("jsonp", Role.POLL, Set.of("GET", "POST")),
    XHR_STREAMING("xhr_streaming", Role.STREAM, Set.of("POST")),
    EVENTSOURCE("eventsource", Role.STREAM, Set.of("GET")),
    XHR_SEND("xhr_send", Role.SEND, Set.of()),
    JSONP_SEND("jsonp_send", Role.SEND, Set.of());

    /** What a request on the transport does for its session. */
    enum Role
    {
        SOCKET, POLL, STREAM, SEND
    }

    private final String pathName;
    private final Role role;
    private final Set<String> openingMethods;

    SockJsTransport(String pathName, Role role, Set<String> openingMethods)
    {
        this.pathName = pathName;
        this.role = role;
        this.openingMethods = openingMethods;
    }

    static Optional<SockJsTransport> named(String pathName)
    {
        for (SockJsTransport transport : values())
        {
            if (transport.pathName.equals(pathName))
                return Optional.of(transport);
        }
        return Optional.empty();
    }

    Role role()
    {
        return role;
    }

    boolean receives()
    {
        return role == Role.POLL || role == Role.STREAM;
    }

    /** Whether a request with {@code method} may open a new session on this transport. */
    boolean opensWith(String method)
    {
        return openingMethods.contains(method);
    }

    /** JSONP wraps each frame in a call of the request's callback. */
    boolean usesCallback()
    {
        return this == JSONP || this == JSONP_SEND;
    }
}
