// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import io.holdfast.format.HeaderField;
import io.holdfast.instruct.GripWsExtension;
import io.holdfast.stats.HubMetrics;

/**
 * The origin leg to an origin that is itself a WebSocket server, through the container's own
 * WebSocket client (no extra jars, no thread per connection). The handshake carries the client's
 * headers as prepared by the proxy, including {@code Sec-WebSocket-Extensions: grip}; the
 * origin's answer to that extension is read before the client library sees it, because neither
 * Jetty's nor Tomcat's client knows the extension. Thread-safe.
 */
public final class NativeWsOriginLeg implements OriginLeg
{
    /** Headers the client library writes itself for its own handshake (the protocol from our list). */
    private static final Set<String> CLIENT_OWNED = Set.of("sec-websocket-key", "sec-websocket-version", "upgrade",
        "connection", "sec-websocket-extensions", "sec-websocket-protocol");
    /** Tomcat's client reports a refusal as "The HTTP response from the server [403] did not ...". */
    private static final Pattern BRACKETED_STATUS = Pattern.compile("\\[(\\d{3})]");
    private static final Pattern STATUS_CODE = Pattern.compile("Status Code: (\\d{3})");

    private final WebSocketContainer container;
    private final URI uri;
    private final List<HeaderField> requestHeaders;
    private final List<String> subprotocols;
    private final WsEnvironment env;
    private final List<HeaderField> responseHeaders = Collections.synchronizedList(new ArrayList<>());
    private volatile Session session;
    private volatile SessionSender sender;

    /**
     * @param uri the origin's ws:// or wss:// URI (path and query of the client's request)
     * @param requestHeaders the headers to send, already filtered and signed by the proxy
     * @param subprotocols the client's requested subprotocols, in order
     */
    public NativeWsOriginLeg(WebSocketContainer container, URI uri, List<HeaderField> requestHeaders,
                             List<String> subprotocols, WsEnvironment env)
    {
        this.container = container;
        this.uri = uri;
        this.requestHeaders = requestHeaders;
        this.subprotocols = subprotocols;
        this.env = env;
    }

    @Override
    public HandshakeAnswer open(Listener listener) throws IOException
    {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
            .preferredSubprotocols(subprotocols)
            .configurator(new Handshake())
            .build();
        try
        {
            session = container.connectToServer(new OriginEndpoint(listener), config, uri);
        }
        catch (DeploymentException | IOException e)
        {
            Optional<Integer> status = refusalStatus(e);
            if (status.isPresent())
                return new HandshakeAnswer.Rejected(status.get(), Optional.empty(), List.copyOf(responseHeaders), new byte[0]);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        sender = new SessionSender(session, env.queueMessages(), env.queueBytes(), env.closer(), HubMetrics.detached(), env.clock().nanos());
        String subprotocol = session.getNegotiatedSubprotocol();
        return new HandshakeAnswer.Accepted(List.copyOf(responseHeaders),
            subprotocol == null || subprotocol.isEmpty() ? Optional.empty() : Optional.of(subprotocol));
    }

    @Override
    public void sendText(String text)
    {
        send(new ClientLeg.Text(text));
    }

    @Override
    public void sendBinary(ByteBuffer data)
    {
        send(new ClientLeg.Binary(data));
    }

    @Override
    public void sendPing(ByteBuffer data)
    {
        send(new ClientLeg.Ping(data));
    }

    @Override
    public void sendPong(ByteBuffer data)
    {
        send(new ClientLeg.Pong(data));
    }

    @Override
    public void close(int code, String reason)
    {
        SessionSender s = sender;
        if (s == null)
            return;
        // Jakarta cannot send a close frame without a code: "no code" goes out as a normal closure.
        boolean sendable = code >= 1000 && code != 1005 && code != 1006 && code != 1015;
        s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(sendable ? code : 1000), sendable ? reason : ""));
    }

    @Override
    public void disconnect()
    {
        close(CloseReason.CloseCodes.GOING_AWAY.getCode(), "");
    }

    private void send(ClientLeg.Outgoing message)
    {
        SessionSender s = sender;
        if (s != null && !s.offer(message))
            close(WsSession.TRY_AGAIN_LATER, "origin does not keep up");
    }

    /** The status of a refused handshake, from whatever the client library threw. */
    static Optional<Integer> refusalStatus(Throwable failure)
    {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause())
        {
            String message = String.valueOf(t.getMessage());
            for (Pattern pattern : List.of(STATUS_CODE, BRACKETED_STATUS))
            {
                Matcher m = pattern.matcher(message);
                if (m.find() && !message.contains("Connection refused"))
                    return Optional.of(Integer.parseInt(m.group(1)));
            }
        }
        return Optional.empty();
    }

    /** Writes the proxy's headers into the handshake and reads the origin's answer. */
    private final class Handshake extends ClientEndpointConfig.Configurator
    {
        @Override
        public void beforeRequest(Map<String, List<String>> headers)
        {
            headers.keySet().removeIf(name -> !CLIENT_OWNED.contains(name.toLowerCase()));
            for (HeaderField header : requestHeaders)
            {
                if (!CLIENT_OWNED.contains(header.name().toLowerCase()))
                    headers.computeIfAbsent(header.name(), k -> new ArrayList<>()).add(header.value());
            }
            headers.put(GripWsExtension.HEADER, List.of("grip"));
        }

        @Override
        public void afterResponse(HandshakeResponse response)
        {
            response.getHeaders().forEach((name, values) -> values.forEach(v -> responseHeaders.add(new HeaderField(name, v))));
            try
            {
                // Tomcat's client refuses extensions it does not know, and it does not know grip.
                response.getHeaders().keySet().removeIf(GripWsExtension.HEADER::equalsIgnoreCase);
            }
            catch (UnsupportedOperationException jettyDoesNotCheck)
            {
                // Jetty's map is read-only, and Jetty accepts the extension as it is.
            }
        }
    }

    /** The origin session's events, passed to the listener. */
    private static final class OriginEndpoint extends Endpoint
    {
        private final Listener listener;

        OriginEndpoint(Listener listener)
        {
            this.listener = listener;
        }

        @Override
        public void onOpen(Session origin, EndpointConfig config)
        {
            origin.setMaxIdleTimeout(0);
            origin.addMessageHandler(String.class, (MessageHandler.Whole<String>)listener::onText);
            origin.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>)listener::onBinary);
            origin.addMessageHandler(PongMessage.class,
                (MessageHandler.Whole<PongMessage>)pong -> listener.onPong(pong.getApplicationData()));
        }

        @Override
        public void onClose(Session origin, CloseReason reason)
        {
            int code = reason.getCloseCode().getCode();
            if (code == CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode())
                listener.onFailure(new IOException("origin connection lost"));
            else
                listener.onClose(code == 1005 ? -1 : code, reason.getReasonPhrase());
        }

        @Override
        public void onError(Session origin, Throwable failure)
        {
            listener.onFailure(failure);
        }
    }
}
