// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.item.PushpinJson;

/**
 * Parses the JSON of a WebSocket control message ({@code c:{"type": ...}}, GRIP §7.3). Pushpin
 * ignores what it cannot understand (the connection stays up), so the caller logs the exception
 * and moves on; types Holdfast does not implement ({@code session}, {@code send-delayed},
 * {@code flush-delayed}) parse to empty. Pure.
 */
public final class WsControlParser
{
    private static final int DEFAULT_KEEP_ALIVE_SECONDS = 55;

    private WsControlParser()
    {
    }

    public static Optional<WsControl> parse(byte[] json) throws GripFormatException
    {
        JsonNode message = PushpinJson.parse(json)
            .orElseThrow(() -> new GripFormatException("control message is not valid JSON"));
        if (!message.isObject())
            throw new GripFormatException("control message is not an object");
        String type = requiredText(message, "type");
        return switch (type)
        {
            case "subscribe" -> Optional.of(new WsControl.Subscribe(channel(message), filters(message),
                optionalText(message, "prev-id")));
            case "unsubscribe" -> Optional.of(new WsControl.Unsubscribe(channel(message)));
            case "detach" -> Optional.of(new WsControl.Detach());
            case "set-meta" -> Optional.of(new WsControl.SetMeta(requiredText(message, "name"), optionalText(message, "value")));
            case "keep-alive" -> Optional.of(keepAlive(message));
            case "session", "send-delayed", "flush-delayed" -> Optional.empty();
            default -> throw new GripFormatException("unknown control message type '" + type + "'");
        };
    }

    private static String channel(JsonNode message) throws GripFormatException
    {
        String channel = requiredText(message, "channel");
        if (channel.isEmpty())
            throw new GripFormatException("control message contains 'channel' with invalid value");
        return channel;
    }

    private static List<String> filters(JsonNode message) throws GripFormatException
    {
        JsonNode filters = message.get("filters");
        if (filters == null)
            return List.of();
        if (!filters.isArray())
            throw new GripFormatException("control message contains 'filters' with wrong type");
        List<String> out = new ArrayList<>();
        for (JsonNode filter : filters)
        {
            if (!filter.isTextual())
                throw new GripFormatException("filters contains element with wrong type");
            out.add(filter.textValue());
        }
        return out;
    }

    private static WsControl.KeepAlive keepAlive(JsonNode message) throws GripFormatException
    {
        Optional<byte[]> content = optionalText(message, "content").map(text -> text.getBytes(StandardCharsets.UTF_8));
        Optional<String> bin = optionalText(message, "content-bin");
        if (bin.isPresent())
        {
            try
            {
                content = Optional.of(Base64.getDecoder().decode(bin.get().strip()));
            }
            catch (IllegalArgumentException e)
            {
                throw new GripFormatException("control message contains 'content-bin' with invalid value");
            }
        }
        WsControl.MessageType type = switch (optionalText(message, "message-type").orElse("text"))
        {
            case "text" -> WsControl.MessageType.TEXT;
            case "binary" -> WsControl.MessageType.BINARY;
            case "ping" -> WsControl.MessageType.PING;
            case "pong" -> WsControl.MessageType.PONG;
            default -> throw new GripFormatException("control message contains 'message-type' with invalid value");
        };
        int timeout = DEFAULT_KEEP_ALIVE_SECONDS;
        JsonNode timeoutNode = message.get("timeout");
        if (timeoutNode != null)
        {
            if (!timeoutNode.isIntegralNumber() || timeoutNode.asLong() < 1 || timeoutNode.asLong() > Integer.MAX_VALUE)
                throw new GripFormatException("control message contains 'timeout' with invalid value");
            timeout = timeoutNode.asInt();
        }
        boolean interval = switch (optionalText(message, "mode").orElse("idle"))
        {
            case "idle" -> false;
            case "interval" -> true;
            default -> throw new GripFormatException("control message contains 'mode' with invalid value");
        };
        return new WsControl.KeepAlive(content, type, timeout, interval);
    }

    private static String requiredText(JsonNode message, String field) throws GripFormatException
    {
        return optionalText(message, field)
            .orElseThrow(() -> new GripFormatException("control message does not contain '" + field + "'"));
    }

    private static Optional<String> optionalText(JsonNode message, String field) throws GripFormatException
    {
        JsonNode value = message.get(field);
        if (value == null || value.isNull())
            return Optional.empty();
        if (!value.isTextual())
            throw new GripFormatException("control message contains '" + field + "' with wrong type");
        return Optional.of(value.textValue());
    }
}
