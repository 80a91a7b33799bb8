// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.nio.ByteBuffer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

/**
 * The Jakarta endpoint of a client's WebSocket: one instance per connection, handed to the
 * container at upgrade, passing every event on to its {@link WsSession}. The container calls it
 * on its own threads, one event at a time.
 */
public final class ClientWsEndpoint extends Endpoint
{
    private final WsSession session;

    public ClientWsEndpoint(WsSession session)
    {
        this.session = session;
    }

    @Override
    public void onOpen(Session client, EndpointConfig config)
    {
        client.addMessageHandler(String.class, (MessageHandler.Whole<String>)session::clientText);
        client.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>)session::clientBinary);
        client.addMessageHandler(PongMessage.class,
            (MessageHandler.Whole<PongMessage>)pong -> session.clientPong(pong.getApplicationData()));
        session.clientOpened(client);
    }

    @Override
    public void onClose(Session client, CloseReason reason)
    {
        int code = reason.getCloseCode().getCode();
        // 1006 is never sent on the wire: it means the connection just went away.
        boolean vanished = code == CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode();
        session.clientClosed(vanished ? -1 : code, reason.getReasonPhrase());
    }

    @Override
    public void onError(Session client, Throwable failure)
    {
        session.clientClosed(-1, "");
    }
}
