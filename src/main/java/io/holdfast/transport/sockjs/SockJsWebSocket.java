// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import io.holdfast.format.GripFormatException;
import io.holdfast.transport.ws.ClientLeg;
import io.holdfast.transport.ws.ClientWsEndpoint;
import io.holdfast.transport.ws.WsEnvironment;
import io.holdfast.transport.ws.WsSession;

/**
 * A SockJS session on the {@code websocket} transport ({@code /<server>/<session>/websocket}): the
 * Jakarta endpoint of the client's WebSocket and the client side of its {@link WsSession}. The
 * client gets {@code o}, then each message as its own {@code a[...]} frame and a heartbeat
 * {@code h} at every heartbeat interval; what it sends is a JSON array of messages. A close is a
 * WebSocket close with the code and reason, as Pushpin sends it. One instance per connection;
 * thread-safe. Public only because containers instantiate-check endpoint classes.
 */
public final class SockJsWebSocket extends Endpoint implements ClientLeg
{
    /** sockjs-node's answer to a message that is not a JSON array of strings. */
    private static final CloseReason BROKEN_FRAMING = new CloseReason(CloseReason.CloseCodes.getCloseCode(3000), "Broken framing.");

    private final WsSession session;
    private final WsEnvironment env;
    private final long heartbeatMillis;
    private final ClientWsEndpoint plain;
    private volatile ClientLeg socket;
    private volatile ScheduledFuture<?> heartbeat;

    SockJsWebSocket(WsSession session, WsEnvironment env, long heartbeatMillis)
    {
        this.session = session;
        this.env = env;
        this.heartbeatMillis = heartbeatMillis;
        this.plain = new ClientWsEndpoint(session);
    }

    @Override
    public void onOpen(Session client, EndpointConfig config)
    {
        client.addMessageHandler(String.class, (MessageHandler.Whole<String>)this::clientMessage);
        ClientLeg leg = ClientLeg.of(client, env);
        leg.offer(new Text(SockJsFrames.OPEN));
        socket = leg;
        if (heartbeatMillis > 0)
            heartbeat = env.timer().scheduleAtFixedRate(this::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        session.clientOpened(this);
    }

    @Override
    public void onClose(Session client, CloseReason reason)
    {
        stopHeartbeat();
        plain.onClose(client, reason);
    }

    @Override
    public void onError(Session client, Throwable failure)
    {
        stopHeartbeat();
        plain.onError(client, failure);
    }

    private void clientMessage(String payload)
    {
        // SockJS 0.3.3: an empty message is ignored (Pushpin drops the connection instead).
        if (payload.isEmpty())
            return;
        List<String> messages;
        try
        {
            messages = SockJsPayload.messages(payload);
        }
        catch (GripFormatException e)
        {
            close(BROKEN_FRAMING);
            session.clientClosed(-1, "");
            return;
        }
        messages.forEach(session::clientText);
    }

    private void heartbeat()
    {
        ClientLeg leg = socket;
        if (!leg.isBacklogged())
            leg.offer(new Text(SockJsFrames.HEARTBEAT));
    }

    // ---- the client side of the WsSession ---------------------------------------------------

    @Override
    public boolean offer(Outgoing message, long publishedNanos)
    {
        if (message instanceof Text text)
            return socket.offer(new Text(SockJsFrames.messages(List.of(text.text()))), publishedNanos);
        if (message instanceof Binary binary)
        {
            String text = StandardCharsets.UTF_8.decode(binary.data().duplicate()).toString();
            return socket.offer(new Text(SockJsFrames.messages(List.of(text))), publishedNanos);
        }
        return true; // SockJS has no ping or pong frames
    }

    @Override
    public void close(CloseReason reason)
    {
        stopHeartbeat();
        socket.close(reason);
    }

    @Override
    public boolean isBacklogged()
    {
        return socket.isBacklogged();
    }

    @Override
    public long lastSendNanos()
    {
        return socket.lastSendNanos();
    }

    private void stopHeartbeat()
    {
        ScheduledFuture<?> current = heartbeat;
        if (current != null)
            current.cancel(false);
    }
}
