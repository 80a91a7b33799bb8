// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.servlet.http.HttpServletRequest;

import io.holdfast.format.HeaderField;
import io.holdfast.route.DemoChannels;

/**
 * The built-in {@code test} target's WebSocket, as Pushpin's: {@code /ws} accepts with GRIP on,
 * subscribes the connection to its {@code channel} query parameters (default {@code test}) and
 * echoes what the client sends; any other path is refused with 404. It is an in-process origin,
 * so it goes through the same GRIP session as a real one. Thread-safe.
 */
final class DemoWsOrigin implements OriginLeg
{
    private final String path;
    private final List<String> channels;
    private volatile Listener listener;

    DemoWsOrigin(HttpServletRequest clientRequest)
    {
        this.path = clientRequest.getRequestURI();
        this.channels = DemoChannels.of(clientRequest.getQueryString());
    }

    @Override
    public HandshakeAnswer open(Listener listener)
    {
        if (!path.endsWith("/ws"))
        {
            return new HandshakeAnswer.Rejected(404, Optional.empty(), List.of(new HeaderField("Content-Type", "text/plain")),
                "no such test resource\n".getBytes(StandardCharsets.UTF_8));
        }
        this.listener = listener;
        for (String channel : channels)
            listener.onText("c:" + JsonNodeFactory.instance.objectNode().put("type", "subscribe").put("channel", channel));
        return new HandshakeAnswer.Accepted(List.of(new HeaderField("Sec-WebSocket-Extensions", "grip")), Optional.empty());
    }

    @Override
    public void sendText(String text)
    {
        listener.onText("m:" + text);
    }

    @Override
    public void sendBinary(ByteBuffer data)
    {
        ByteBuffer echo = ByteBuffer.allocate(2 + data.remaining());
        echo.put("m:".getBytes(StandardCharsets.US_ASCII)).put(data.duplicate()).flip();
        listener.onBinary(echo);
    }

    @Override
    public void sendPing(ByteBuffer data)
    {
    }

    @Override
    public void sendPong(ByteBuffer data)
    {
    }

    @Override
    public void close(int code, String reason)
    {
    }

    @Override
    public void disconnect()
    {
    }
}
