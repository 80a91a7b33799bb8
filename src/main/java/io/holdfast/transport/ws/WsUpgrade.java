// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

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
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.jetty.http.HttpFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.format.HeaderField;
import io.holdfast.instruct.GripWsExtension;
import io.holdfast.instruct.ResponseSpec;
import io.holdfast.route.PathRewriter;
import io.holdfast.route.Route;
import io.holdfast.route.Target;
import io.holdfast.stats.ConnectionKind;
import io.holdfast.transport.ResponseHeads;
import io.holdfast.transport.ResponseKind;

/**
 * A client's WebSocket upgrade on a routed path (GRIP §7.1): the origin side is opened first, and
 * only once the origin accepted is the client's handshake answered, through the container's
 * {@code ServerContainer}, so WebSockets share the URL space of plain HTTP. A refusal is relayed
 * to the client as an ordinary response. Runs on the request's servlet thread. Thread-safe.
 */
public final class WsUpgrade implements WsGateway
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.proxy");
    /** Origin response headers that describe the origin's own handshake, not the client's. */
    private static final Set<String> NOT_RELAYED = Set.of("upgrade", "connection", "sec-websocket-accept",
        "sec-websocket-extensions", "sec-websocket-protocol", "content-length", "transfer-encoding", "date", "server");

    private final OriginAccess origins;
    private final WsEnvironment env;

    public WsUpgrade(OriginAccess origins, WsEnvironment env)
    {
        this.origins = origins;
        this.env = env;
    }

    public static boolean isUpgrade(HttpServletRequest request)
    {
        String upgrade = request.getHeader("Upgrade");
        if ("GET".equals(request.getMethod()))
            return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
        // Over HTTP/2 a WebSocket opens with an extended CONNECT (RFC 8441, :protocol websocket), which the
        // servlet API shows as a CONNECT with the Sec-WebSocket-Version every WebSocket opening carries.
        return "CONNECT".equals(request.getMethod()) && request.getProtocol().startsWith("HTTP/2")
            && request.getHeader("Sec-WebSocket-Version") != null;
    }

    /** A WebSocket on a routed path, answered by the proxy's own endpoint. */
    public void upgrade(HttpServletRequest clientRequest, HttpServletResponse clientResponse, Route route) throws IOException
    {
        upgrade(clientRequest, clientResponse, route, clientRequest.getRequestURI(), ClientWsEndpoint::new);
    }

    @Override
    public void upgrade(HttpServletRequest clientRequest, HttpServletResponse clientResponse, Route route, String path,
                        Function<WsSession, Endpoint> endpoint) throws IOException
    {
        OriginOpening opening = open(clientRequest, route, path);
        if (opening instanceof OriginOpening.Refused refused)
        {
            relay(clientRequest, clientResponse, refused.rejected());
            return;
        }
        if (opening instanceof OriginOpening.Failed failed)
        {
            plain(clientResponse, failed.status(), failed.body());
            return;
        }
        OriginOpening.Opened opened = (OriginOpening.Opened)opening;
        WsSession session = opened.session();
        try
        {
            container(clientRequest).upgradeHttpToWebSocket(clientRequest, clientResponse,
                endpointConfig(endpoint.apply(session), opened.accepted()), Map.of());
            LOG.info("GET {} -> {} websocket{}", clientRequest.getRequestURL(), opened.target(), opened.grip() ? " grip" : "");
        }
        catch (DeploymentException | IOException | RuntimeException e)
        {
            session.origin().disconnect();
            session.clientClosed(-1, "");
            LOG.info("client upgrade failed: {}", e.toString());
            if (!clientResponse.isCommitted())
                plain(clientResponse, 400, "WebSocket upgrade failed.\n");
        }
    }

    @Override
    public OriginOpening open(HttpServletRequest clientRequest, Route route, String path)
    {
        ServerContainer container = container(clientRequest);
        if (container == null)
            return new OriginOpening.Failed(501, "WebSockets are not available in this container.\n");
        for (int i = 0; i < route.targets().size(); i++)
        {
            Target target = route.targets().get(i);
            ConnectionKind kind = route.options().sockjs().isPresent() ? ConnectionKind.SOCKJS : ConnectionKind.WEBSOCKET;
            String connectionId = env.activity().connectionOpened(kind, clientRequest.getRemoteAddr(), clientRequest.isSecure());
            OriginLeg origin = originLeg(container, clientRequest, route, target, path, connectionId);
            WsSession session = new WsSession(env, origin, connectionId, route.options().prefix(), target.subs());
            HandshakeAnswer result;
            try
            {
                result = origin.open(session);
            }
            catch (IOException e)
            {
                env.activity().connectionClosed(connectionId);
                LOG.info("GET {} -> {} websocket connect failed: {}", clientRequest.getRequestURL(), target.describe(), e.toString());
                continue;
            }
            if (result instanceof HandshakeAnswer.Rejected rejected)
            {
                env.activity().connectionClosed(connectionId);
                LOG.info("GET {} -> {} websocket refused code={}", clientRequest.getRequestURL(), target.describe(), rejected.status());
                return new OriginOpening.Refused(rejected);
            }
            HandshakeAnswer.Accepted accepted = (HandshakeAnswer.Accepted)result;
            Optional<String> prefix = GripWsExtension.messagePrefix(accepted.headers());
            if (prefix.isEmpty() && !target.subs().isEmpty())
                prefix = Optional.of(GripWsExtension.DEFAULT_PREFIX);
            session.originAccepted(prefix);
            return new OriginOpening.Opened(session, accepted, target.describe(), prefix.isPresent());
        }
        return new OriginOpening.Failed(502, origins.badGatewayBody());
    }

    private static ServerContainer container(HttpServletRequest clientRequest)
    {
        return (ServerContainer)clientRequest.getServletContext().getAttribute(ServerContainer.class.getName());
    }

    private OriginLeg originLeg(ServerContainer container, HttpServletRequest clientRequest, Route route, Target target,
                                String clientPath, String connectionId)
    {
        if (target.kind() == Target.Kind.TEST)
            return new DemoWsOrigin(clientRequest);
        String path = PathRewriter.rewrite(route, target, clientPath).orElse("/");
        String query = clientRequest.getQueryString();
        String address = target.host() + ":" + target.port() + path + (query == null ? "" : "?" + query);
        if (target.overHttp())
        {
            // WebSocket-over-HTTP passes the client's handshake headers on, but signs each request afresh.
            List<HeaderField> headers = originHeaders(clientRequest, route, target,
                Set.of("grip-sig", "accept", "connection-id", "sec-websocket-extensions", "content-type"), "meta-");
            return new WsOverHttpOriginLeg(origins.httpClient(), URI.create((target.ssl() ? "https://" : "http://") + address),
                headers, origins.gripSig(route), env, target.oneEvent(), connectionId);
        }
        List<HeaderField> headers = originHeaders(clientRequest, route, target, Set.of("content-type"), "sec-websocket-");
        return new NativeWsOriginLeg(container, URI.create((target.ssl() ? "wss://" : "ws://") + address), headers,
            subprotocols(clientRequest), env);
    }

    /**
     * The client's headers as the proxy forwards them, minus the named ones and a name prefix. A
     * handshake has no body, so a client's {@code Content-Type} (a SockJS request's) describes
     * nothing the origin gets; over HTTP it would even replace the events' own.
     */
    private List<HeaderField> originHeaders(HttpServletRequest clientRequest, Route route, Target target,
                                            Set<String> dropped, String droppedPrefix)
    {
        HttpFields.Mutable fields = HttpFields.build();
        origins.fillOriginHeaders(clientRequest, route, target, fields);
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

    private static ServerEndpointConfig endpointConfig(Endpoint endpoint, HandshakeAnswer.Accepted accepted)
    {
        return ServerEndpointConfig.Builder.create(endpoint.getClass(), "/")
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

    private static void relay(HttpServletRequest clientRequest, HttpServletResponse clientResponse, HandshakeAnswer.Rejected rejected)
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
