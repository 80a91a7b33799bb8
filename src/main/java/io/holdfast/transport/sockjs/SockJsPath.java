// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.util.Optional;

/**
 * What a request path below a route's {@code sockjs=} prefix asks for, read as Pushpin reads it:
 * {@code /info}, an {@code /iframe*.html} page, the raw {@code /websocket}, or a session URL
 * {@code /<server>/<session>/<transport>} (the server part only steers load balancers; empty
 * parts and dots are refused, as SockJS 0.3.3 asks). Pure; immutable results.
 */
sealed interface SockJsPath
{
    record Info() implements SockJsPath
    {
    }

    record Iframe() implements SockJsPath
    {
    }

    record RawWebSocket() implements SockJsPath
    {
    }

    record Session(String id, SockJsTransport transport) implements SockJsPath
    {
    }

    record NotFound() implements SockJsPath
    {
    }

    /** Reads {@code path}, the encoded request path after the prefix (no query). */
    static SockJsPath parse(String path)
    {
        if (path.equals("/info"))
            return new Info();
        if (path.startsWith("/iframe") && path.endsWith(".html"))
            return new Iframe();
        if (path.equals("/websocket"))
            return new RawWebSocket();
        String[] parts = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[0];
        if (parts.length != 3 || !validPart(parts[0]) || !validPart(parts[1]))
            return new NotFound();
        Optional<SockJsTransport> transport = SockJsTransport.named(parts[2]);
        return transport.<SockJsPath>map(t -> new Session(parts[1], t)).orElseGet(NotFound::new);
    }

    private static boolean validPart(String part)
    {
        return !part.isEmpty() && part.indexOf('.') < 0;
    }
}
