// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.websocket.DeploymentException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import io.holdfast.format.HeaderField;
import io.holdfast.hub.ConnectionType;
import io.holdfast.instruct.GripWsExtension;
import io.holdfast.instruct.ResponseSpec;
import io.holdfast.route.PathRewriter;
import io.holdfast.route.Route;
import io.holdfast.route.Target;
import io.holdfast.transport.http.ResponseHeads;
import io.holdfast.transport.http.ResponseKind;
import io.holdfast.transport.ws.ClientWsEndpoint;
import io.holdfast.transport.ws.NativeWsOriginLeg;
import io.holdfast.transport.ws.OpenResult;
import io.holdfast.transport.ws.OriginLeg;
import io.holdfast.transport.ws.WsEnvironment;
import io.holdfast.transport.ws.WsOverHttpOriginLeg;
import io.holdfast.transport.ws.WsSession;
import org.eclipse.jetty.http.HttpFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's WebSocket upgrade on a routed path (GRIP §7.1): the origin side is opened first, and
 * only once the origin accepted is the client's handshake answered, through the container's
 * {@code ServerContainer}, so WebSockets share the URL space of plain HTTP. A refusal is relayed
 * to the client as an ordinary response. Runs on the request's servlet thread. Thread-safe.
 */
final class WsUpgrade
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.proxy");
    /** Origin response headers that describe the origin's own handshake, not the client's. */
    private static final Set<String> NOT_RELAYED = Set.of("upgrade", "connection", "sec-websocket-accept",
        "sec-websocket-extensions", "sec-websocket-protocol", "content-length", "transfer-encoding", "date", "server");

    private final ProxyContext context;
    private final WsEnvironment env;

    WsUpgrade(ProxyContext context, WsEnvironment env)
    {
        this.context = context;
        this.env = env;
    }

    static boolean isUpgrade(HttpServletRequest request)
    {
        String upgrade = request.getHeader("Upgrade");
        return "GET".equals(request.getMethod()) && upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    void upgrade(HttpServletRequest clientRequest, HttpServletResponse clientResponse, Route route, String host)
        throws IOException
    {
        ServerContainer container = (ServerContainer)clientRequest.getServletContext()
            .getAttribute(ServerContainer.class.getName());
        if (container == null)
        {
            plain(clientResponse, 501, "WebSockets are not available in this container.\n");
            return;
        }
        for (int i = 0; i < route.targets().size(); i++)
        {
            Target target = route.targets().get(i);
            String connectionId = env.hub().activity().connectionOpened(ConnectionType.WS, clientRequest.getRemoteAddr(),
                clientRequest.isSecure());
            OriginLeg origin = originLeg(container, clientRequest, route, target, connectionId);
            WsSession session = new WsSession(env, origin, connectionId, route.options().prefix(), target.subs());
            OpenResult result;
            try
            {
                result = origin.open(session);
            }
            catch (IOException e)
            {
                env.hub().activity().connectionClosed(connectionId);
                LOG.info("GET {} -> {} websocket connect failed: {}", clientRequest.getRequestURL(), target.describe(), e.toString());
                continue;
            }
            if (result instanceof OpenResult.Rejected rejected)
            {
                env.hub().activity().connectionClosed(connectionId);
                LOG.info("GET {} -> {} websocket refused code={}", clientRequest.getRequestURL(), target.describe(), rejected.status());
                relay(clientRequest, clientResponse, rejected);
                return;
            }
            OpenResult.Accepted accepted = (OpenResult.Accepted)result;
            Optional<String> prefix = GripWsExtension.messagePrefix(accepted.headers());
            if (prefix.isEmpty() && !target.subs().isEmpty())
                prefix = Optional.of(GripWsExtension.DEFAULT_PREFIX);
            session.originAccepted(prefix);
            try
            {
                container.upgradeHttpToWebSocket(clientRequest, clientResponse, endpointConfig(session, accepted), Map.of());
                LOG.info("GET {} -> {} websocket{}", clientRequest.getRequestURL(), target.describe(), prefix.isPresent() ? " grip" : "");
            }
            catch (DeploymentException | IOException | RuntimeException e)
            {
                origin.disconnect();
                session.clientClosed(-1, "");
                LOG.info("client upgrade failed: {}", e.toString());
                if (!clientResponse.isCommitted())
                    plain(clientResponse, 400, "WebSocket upgrade failed.\n");
            }
            return;
        }
        plain(clientResponse, 502, ProxyErrors.BAD_GATEWAY + "\n");
    }

    private OriginLeg originLeg(ServerContainer container, HttpServletRequest clientRequest, Route route, Target target,
                                String connectionId)
    {
        if (target.kind() == Target.Kind.TEST)
            return new TestWsOrigin(clientRequest);
        String path = PathRewriter.rewrite(route, target, clientRequest.getRequestURI()).orElse("/");
        String query = clientRequest.getQueryString();
        String address = target.host() + ":" + target.port() + path + (query == null ? "" : "?" + query);
        if (target.overHttp())
        {
            // WebSocket-over-HTTP passes the client's handshake headers on, but signs each request afresh.
            List<HeaderField> headers = originHeaders(clientRequest, route, target,
                Set.of("grip-sig", "accept", "connection-id", "sec-websocket-extensions"), "meta-");
            return new WsOverHttpOriginLeg(context.httpClient(), URI.create((target.ssl() ? "https://" : "http://") + address),
                headers, context.originHeaders().gripSig(route), env, target.oneEvent(), connectionId);
        }
        List<HeaderField> headers = originHeaders(clientRequest, route, target, Set.of(), "sec-websocket-");
        return new NativeWsOriginLeg(container, URI.create((target.ssl() ? "wss://" : "ws://") + address), headers,
            subprotocols(clientRequest), env);
    }

    /** The client's headers as the proxy forwards them, minus the named ones and a name prefix. */
    private List<HeaderField> originHeaders(HttpServletRequest clientRequest, Route route, Target target,
                                            Set<String> dropped, String droppedPrefix)
    {
        HttpFields.Mutable fields = HttpFields.build();
        context.originHeaders().fill(clientRequest, route, target, Map.of(), fields);
        List<HeaderField> headers = new ArrayList<>();
        fields.forEach(field ->
        {
            String lower = field.getLowerCaseName();
            if (!dropped.contains(lower) && !lower.startsWith(droppedPrefix))
                headers.add(new HeaderField(field.getName(), field.getValue()));
        });
        return headers;
    }

    private static List<String> subprotocols(HttpServletRequest clientRequest)
    {
        List<String> protocols = new ArrayList<>();
        for (String value : Collections.list(clientRequest.getHeaders("Sec-WebSocket-Protocol")))
        {
            for (String protocol : value.split(","))
            {
                if (!protocol.isBlank())
                    protocols.add(protocol.trim());
            }
        }
        return protocols;
    }

    private static ServerEndpointConfig endpointConfig(WsSession session, OpenResult.Accepted accepted)
    {
        ClientWsEndpoint endpoint = new ClientWsEndpoint(session);
        return ServerEndpointConfig.Builder.create(ClientWsEndpoint.class, "/")
            .subprotocols(accepted.subprotocol().map(List::of).orElse(List.of()))
            .configurator(new ServerEndpointConfig.Configurator()
            {
                @Override
                @SuppressWarnings("unchecked")
                public <T> T getEndpointInstance(Class<T> endpointClass)
                {
                    return (T)endpoint;
                }

                @Override
                public String getNegotiatedSubprotocol(List<String> supported, List<String> requested)
                {
                    return accepted.subprotocol().filter(requested::contains).orElse("");
                }

                @Override
                public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested)
                {
                    // Client extensions are never negotiated end to end (no permessage-deflate), as in Pushpin.
                    return List.of();
                }

                @Override
                public boolean checkOrigin(String originHeaderValue)
                {
                    return true;
                }

                @Override
                public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response)
                {
                    for (HeaderField header : accepted.headers())
                    {
                        if (!NOT_RELAYED.contains(header.name().toLowerCase(Locale.ROOT)))
                            response.getHeaders().computeIfAbsent(header.name(), k -> new ArrayList<>()).add(header.value());
                    }
                }
            })
            .build();
    }

    private static void relay(HttpServletRequest clientRequest, HttpServletResponse clientResponse, OpenResult.Rejected rejected)
        throws IOException
    {
        ResponseSpec sent = ResponseHeads.apply(clientRequest, clientResponse,
            new ResponseSpec(rejected.status(), rejected.reason(), rejected.headers(), rejected.body()), ResponseKind.ONE_SHOT);
        clientResponse.getOutputStream().write(sent.body());
    }

    private static void plain(HttpServletResponse clientResponse, int status, String body) throws IOException
    {
        clientResponse.setStatus(status);
        clientResponse.setContentType("text/plain");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        clientResponse.setContentLength(bytes.length);
        clientResponse.getOutputStream().write(bytes);
    }
}
