// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.format.GripFormatException;
import io.holdfast.route.Route;
import io.holdfast.transport.ws.OriginOpening;
import io.holdfast.transport.ws.WsEnvironment;
import io.holdfast.transport.ws.WsGateway;

/**
 * The session URLs of SockJS routes over HTTP ({@code /<server>/<session>/<transport>}, all but
 * {@code websocket}): a receiving request for an unknown session opens one (its origin side first,
 * as for a WebSocket), later requests go to it by id, and sends are parsed here. Sessions are keyed
 * by id alone, as SockJS asks. Called on container threads; thread-safe.
 */
final class SockJsHttpSessions
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.proxy");

    private final ConcurrentMap<String, SockJsHttpSession> sessions = new ConcurrentHashMap<>();
    private final WsEnvironment env;
    private final WsGateway gateway;
    private final long heartbeatMillis;

    SockJsHttpSessions(WsEnvironment env, WsGateway gateway, long heartbeatMillis)
    {
        this.env = env;
        this.gateway = gateway;
        this.heartbeatMillis = heartbeatMillis;
    }

    /**
     * Serves {@code target} on {@code route}, whose origin URI path for a session is
     * {@code originPath}; {@code body} is the request's, already read.
     */
    void handle(AsyncContext async, Route route, String originPath, SockJsPath.Session target, String body)
    {
        HttpServletRequest request = (HttpServletRequest)async.getRequest();
        SockJsTransport transport = target.transport();
        String callback = null;
        if (transport.usesCallback())
        {
            Optional<String> named = SockJsPayload.formField(request.getQueryString(), "c")
                .or(() -> SockJsPayload.formField(request.getQueryString(), "callback"));
            if (named.isPresent() && !SockJsPayload.isValidCallback(named.get()))
            {
                SockJsReplies.text(async, 400, "Bad Request");
                return;
            }
            callback = named.orElse(null);
        }
        SockJsHttpSession session = sessions.get(target.id());
        if (session != null)
            existing(async, session, transport, callback, body);
        else if (!transport.receives() || !transport.opensWith(request.getMethod()))
            SockJsReplies.text(async, 404, "Not Found");
        else if (transport == SockJsTransport.JSONP && callback == null)
            SockJsReplies.text(async, 400, "Bad Request");
        else
            open(async, route, originPath, target.id(), transport, callback);
    }

    private void existing(AsyncContext async, SockJsHttpSession session, SockJsTransport transport, String callback, String body)
    {
        switch (transport.role())
        {
            case POLL, STREAM -> session.receive(new SockJsReceiver(async, transport, callback, env, session::receiverGone));
            case SEND -> send(async, session, transport, callback, body);
            case SOCKET -> SockJsReplies.text(async, 404, "Not Found");
        }
    }

    private void send(AsyncContext async, SockJsHttpSession session, SockJsTransport transport, String callback, String body)
    {
        String refusal = session.refusal();
        if (refusal != null)
        {
            SockJsReplies.frame(async, transport, callback, refusal);
            return;
        }
        HttpServletRequest request = (HttpServletRequest)async.getRequest();
        // As Pushpin: xhr_send's body is the JSON; jsonp_send's is a form; a GET puts d in the query.
        String payload;
        if (!"POST".equals(request.getMethod()))
            payload = SockJsPayload.formField(request.getQueryString(), "d").orElse("");
        else if (transport == SockJsTransport.XHR_SEND)
            payload = body;
        else
            payload = SockJsPayload.formField(body, "d").orElse("");
        List<String> messages;
        try
        {
            messages = SockJsPayload.messages(payload);
        }
        catch (GripFormatException e)
        {
            SockJsReplies.text(async, 400, e.getMessage());
            return;
        }
        session.clientMessages(messages);
        SockJsReplies.ok(async, callback);
    }

    private void open(AsyncContext async, Route route, String originPath, String id, SockJsTransport transport, String callback)
    {
        SockJsHttpSession session = new SockJsHttpSession(id, sessions, env, heartbeatMillis);
        SockJsHttpSession raced = sessions.putIfAbsent(id, session);
        if (raced != null)
        {
            existing(async, raced, transport, callback, "");
            return;
        }
        HttpServletRequest request = (HttpServletRequest)async.getRequest();
        OriginOpening opening = gateway.open(request, route, originPath);
        if (opening instanceof OriginOpening.Opened opened)
        {
            LOG.info("{} {} -> {} sockjs {}{}", request.getMethod(), request.getRequestURL(), opened.target(), transport.name()
                .toLowerCase(), opened.grip() ? " grip" : "");
            session.opened(opened.session(), new SockJsReceiver(async, transport, callback, env, session::receiverGone));
            return;
        }
        sessions.remove(id, session);
        if (opening instanceof OriginOpening.Refused refused)
            SockJsReplies.refusal(async, refused.rejected());
        else if (opening instanceof OriginOpening.Failed failed)
            SockJsReplies.send(async, failed.status(), "text/plain", failed.body());
    }
}
