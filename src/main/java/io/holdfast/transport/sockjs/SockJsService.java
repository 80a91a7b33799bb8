// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.holdfast.format.HeaderField;
import io.holdfast.route.Route;
import io.holdfast.transport.ws.ClientWsEndpoint;
import io.holdfast.transport.ws.WsEnvironment;
import io.holdfast.transport.ws.WsGateway;

/**
 * The SockJS server of routes with {@code sockjs=} (GRIP §8.3, SockJS protocol 0.3.3): it
 * translates SockJS sessions into WebSockets towards the route's origin, so GRIP control messages
 * and {@code ws-message} publishes reach SockJS clients. It serves {@code /info}, the iframe page,
 * the raw {@code /websocket} (a plain proxied WebSocket) and the session URLs; the origin's URI path
 * is the prefix ({@code /websocket} appended for WebSockets) unless {@code sockjs_as_path} names
 * one, with the client's query. Called by the proxy servlet on request threads; thread-safe.
 */
public final class SockJsService
{
    /** Pushpin's iframe page, with the client script's URL for {@code %s}. */
    private static final String IFRAME = """
        <!DOCTYPE html>
        <html>
        <head>
          <meta http-equiv="X-UA-Compatible" content="IE=edge" />
          <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
          <script src="%s"></script>
          <script>
            document.domain = document.domain;
            SockJS.bootstrap_iframe();
          </script>
        </head>
        <body>
          <h2>Don't panic!</h2>
          <p>This is a SockJS hidden iframe. It's used for cross domain magic.</p>
        </body>
        </html>
        """;

    private final WsEnvironment env;
    private final WsGateway gateway;
    private final long heartbeatMillis;
    private final SockJsHttpSessions sessions;
    private final String iframe;
    private final String iframeEtag;
    private final SecureRandom entropy = new SecureRandom();

    /**
     * @param gateway opens the origin side of each session
     * @param sockJsUrl the client script the iframe page loads ({@code holdfast.sockjs.url})
     * @param heartbeatMillis the interval of heartbeat frames ({@code holdfast.sockjs.heartbeat}; 0: none)
     */
    public SockJsService(WsEnvironment env, WsGateway gateway, String sockJsUrl, long heartbeatMillis)
    {
        this.env = env;
        this.gateway = gateway;
        this.heartbeatMillis = heartbeatMillis;
        this.sessions = new SockJsHttpSessions(env, gateway, heartbeatMillis);
        this.iframe = IFRAME.formatted(sockJsUrl);
        this.iframeEtag = "\"" + md5Hex(iframe) + "\"";
    }

    /** Whether {@code route} serves SockJS at {@code encodedPath}. */
    public static boolean handles(Route route, String encodedPath)
    {
        return route.options().sockjs().map(encodedPath::startsWith).orElse(false);
    }

    /** Serves a request that {@link #handles}; {@code webSocket} when it asks for an upgrade. */
    public void service(HttpServletRequest clientRequest, HttpServletResponse clientResponse, Route route, boolean webSocket)
        throws IOException
    {
        String prefix = route.options().sockjs().orElseThrow();
        SockJsPath target = SockJsPath.parse(clientRequest.getRequestURI().substring(prefix.length()));
        if (webSocket && target instanceof SockJsPath.RawWebSocket)
            gateway.upgrade(clientRequest, clientResponse, route, originPath(route, prefix, true), ClientWsEndpoint::new);
        else if (webSocket && target instanceof SockJsPath.Session session && session.transport() == SockJsTransport.WEBSOCKET)
            gateway.upgrade(clientRequest, clientResponse, route, originPath(route, prefix, true),
                ws -> new SockJsWebSocket(ws, env, heartbeatMillis));
        else
        {
            AsyncContext async = clientRequest.startAsync();
            async.setTimeout(0);
            SockJsBody.read(async, body -> http(async, route, prefix, target, body));
        }
    }

    private void http(AsyncContext async, Route route, String prefix, SockJsPath target, String body)
    {
        String method = ((HttpServletRequest)async.getRequest()).getMethod();
        if (method.equals("OPTIONS"))
            SockJsReplies.noContent(async);
        else if (target instanceof SockJsPath.Info && method.equals("GET"))
            info(async);
        else if (target instanceof SockJsPath.Iframe && method.equals("GET"))
            iframe(async);
        else if (target instanceof SockJsPath.Session session)
            sessions.handle(async, route, originPath(route, prefix, false), session, body);
        else
            SockJsReplies.text(async, 404, "Not Found");
    }

    private void info(AsyncContext async)
    {
        long random = entropy.nextInt() & 0xffffffffL;
        // Pushpin's keys, in its (sorted) order, and its content type.
        SockJsReplies.send(async, 200, "text/plain",
            "{\"cookie_needed\":false,\"entropy\":" + random + ",\"origins\":[\"*:*\"],\"websocket\":true}\n");
    }

    private void iframe(AsyncContext async)
    {
        HttpServletRequest request = (HttpServletRequest)async.getRequest();
        HeaderField etag = new HeaderField("ETag", iframeEtag);
        if (iframeEtag.equals(request.getHeader("If-None-Match")))
            SockJsReplies.send(async, 304, List.of(etag), "");
        else
            SockJsReplies.send(async, 200, List.of(etag, new HeaderField("Content-Type", "text/html; charset=UTF-8"),
                new HeaderField("Cache-Control", "public, max-age=31536000")), iframe);
    }

    private static String originPath(Route route, String prefix, boolean webSocket)
    {
        return route.options().sockjsAsPath().orElse(webSocket ? prefix + "/websocket" : prefix);
    }

    private static String md5Hex(String text)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e)
        {
            throw new IllegalStateException("MD5 is part of every Java platform", e);
        }
    }
}
