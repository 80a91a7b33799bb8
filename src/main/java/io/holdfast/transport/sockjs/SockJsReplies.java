// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;

import io.holdfast.format.HeaderField;
import io.holdfast.instruct.ResponseSpec;
import io.holdfast.transport.http.Responses;
import io.holdfast.transport.ws.HandshakeAnswer;

/**
 * The one-shot responses of a SockJS route, with the headers Pushpin puts on every one of them: no
 * caching, and CORS for the requesting origin with credentials (a SockJS client on any page may
 * talk to the route). Written without blocking; each completes its request. Stateless.
 */
final class SockJsReplies
{
    static final String NO_CACHE = "no-store, no-cache, must-revalidate, max-age=0";

    private SockJsReplies()
    {
    }

    /** A frame as the one answer to a request on {@code transport} (a stream gets its prelude first). */
    static void frame(AsyncContext async, SockJsTransport transport, String callback, String frame)
    {
        String body = SockJsFrames.prelude(transport) + SockJsFrames.wrap(transport, frame, callback);
        send(async, 200, contentType(transport, callback), body);
    }

    /** Pushpin's answer to a send: {@code ok}, or a call of the callback with it. */
    static void ok(AsyncContext async, String callback)
    {
        if (callback == null)
            send(async, 200, "text/plain", "ok");
        else
            send(async, 200, "application/javascript", "/**/" + callback + "(\"ok\");\n");
    }

    /** A plain-text answer with Pushpin's wording, e.g. {@code 404 Not Found}. */
    static void text(AsyncContext async, int status, String message)
    {
        send(async, status, "text/plain", message + "\n");
    }

    static void noContent(AsyncContext async)
    {
        // The content type keeps Firefox from taking an empty body for broken XML (SockJS 0.3.3).
        send(async, 204, "text/plain", "");
    }

    /** The origin's refusal of the session, relayed with the route's headers added. */
    static void refusal(AsyncContext async, HandshakeAnswer.Rejected rejected)
    {
        List<HeaderField> headers = common((HttpServletRequest)async.getRequest(), rejected.headers());
        Responses.send(async, new ResponseSpec(rejected.status(), rejected.reason(), headers, rejected.body()));
    }

    static void send(AsyncContext async, int status, String contentType, String body)
    {
        send(async, status, List.of(new HeaderField("Content-Type", contentType)), body);
    }

    /** Sends {@code headers}, then the common ones unless {@code headers} has its own Cache-Control. */
    static void send(AsyncContext async, int status, List<HeaderField> headers, String body)
    {
        Responses.send(async, new ResponseSpec(status, Optional.empty(), common((HttpServletRequest)async.getRequest(), headers),
            body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The content type of frames on {@code transport}: Pushpin's for polls, SockJS's for streams. */
    static String contentType(SockJsTransport transport, String callback)
    {
        if (callback != null)
            return "application/javascript";
        return switch (transport)
        {
            case XHR_STREAMING -> "application/javascript; charset=UTF-8";
            case EVENTSOURCE -> "text/event-stream; charset=UTF-8";
            default -> "text/plain";
        };
    }

    /** {@code headers}, then no-cache (unless they set caching) and CORS for the request's origin. */
    static List<HeaderField> common(HttpServletRequest clientRequest, List<HeaderField> headers)
    {
        List<HeaderField> all = new ArrayList<>(headers);
        if (headers.stream().noneMatch(h -> h.is("Cache-Control")))
            all.add(new HeaderField("Cache-Control", NO_CACHE));
        String origin = clientRequest.getHeader("Origin");
        all.add(new HeaderField("Access-Control-Allow-Origin", origin == null ? "*" : origin));
        all.add(new HeaderField("Access-Control-Allow-Credentials", "true"));
        return all;
    }
}
