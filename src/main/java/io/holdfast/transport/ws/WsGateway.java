// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.io.IOException;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Endpoint;

import io.holdfast.route.Route;

/**
 * Opens proxied WebSockets on behalf of an edge that serves its own protocol on top of them
 * (SockJS). Implemented by the proxy, which owns target failover, the origin's request headers and
 * their signing; called on request threads, and it blocks at most for the origin's connect and
 * handshake. Thread-safe.
 */
public interface WsGateway
{
    /**
     * Opens the origin side for {@code clientRequest} on {@code route}, with {@code path} (not yet
     * rewritten by the route) and the client's query as the origin's URI.
     */
    OriginOpening open(HttpServletRequest clientRequest, Route route, String path);

    /**
     * Opens the origin side, then answers the client's WebSocket handshake with the endpoint made
     * for the session; a refusal or failure is answered as an ordinary response instead.
     */
    void upgrade(HttpServletRequest clientRequest, HttpServletResponse clientResponse, Route route, String path,
                 Function<WsSession, Endpoint> endpoint) throws IOException;
}
