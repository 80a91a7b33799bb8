// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.item.WsMessageFormat.Type;

/**
 * Parses the {@code ws-message} format of a publish item (GRIP spec; Pushpin's
 * {@code PublishFormat::fromVariant}). A close and a hint carry no message, so their
 * {@link WsMessageFormat#type()} is {@code TEXT} and their content empty. Pure and thread-safe.
 */
final class WsMessageFormatParser
{
    static final String NAME = "'ws-message'";

    private WsMessageFormatParser()
    {
    }

    static WsMessageFormat parse(JsonNode format) throws GripFormatException
    {
        if (!format.isObject())
        {
            throw new GripFormatException(NAME + " is not an object");
        }
        Action action = JsonFields.action(format, NAME);
        return switch (action)
        {
            case SEND -> send(format);
            case CLOSE -> close(format);
            case HINT -> new WsMessageFormat(
                Action.HINT, Type.TEXT, new byte[0], OptionalInt.empty(), Optional.empty(), List.of());
        };
    }

    private static WsMessageFormat send(JsonNode format) throws GripFormatException
    {
        Optional<Type> type = type(format);
        List<String> filters = JsonFields.contentFilters(format, NAME);
        byte[] content;
        if (format.has("content-bin"))
        {
            content = JsonFields.base64(format, NAME, "content-bin");
            type = type.or(() -> Optional.of(Type.BINARY));
        }
        else if (format.has("content"))
        {
            content = JsonFields.bytes(format, NAME, "content");
            type = type.or(() -> Optional.of(Type.TEXT));
        }
        else if (type.isPresent() && (type.get() == Type.PING || type.get() == Type.PONG))
        {
            // control frames may be empty
            content = new byte[0];
        }
        else
        {
            throw new GripFormatException(NAME + " does not contain 'content' or 'content-bin'");
        }
        return new WsMessageFormat(Action.SEND, type.get(), content, OptionalInt.empty(), Optional.empty(), filters);
    }

    private static Optional<Type> type(JsonNode format) throws GripFormatException
    {
        Optional<String> type = JsonFields.optString(format, NAME, "type");
        if (type.isEmpty())
        {
            return Optional.empty();
        }
        return Optional.of(switch (type.get())
        {
            case "text" -> Type.TEXT;
            case "binary" -> Type.BINARY;
            case "ping" -> Type.PING;
            case "pong" -> Type.PONG;
            default -> throw new GripFormatException(NAME + " contains 'type' with unknown value");
        });
    }

    private static WsMessageFormat close(JsonNode format) throws GripFormatException
    {
        // no upper bound, as in Pushpin: the WebSocket layer decides what it can send
        OptionalInt code = JsonFields.optInt(format, NAME, "code");
        if (code.isPresent() && code.getAsInt() < 0)
        {
            throw JsonFields.invalidValue(NAME, "code");
        }
        Optional<String> reason = JsonFields.optString(format, NAME, "reason").filter(r -> !r.isEmpty());
        return new WsMessageFormat(Action.CLOSE, Type.TEXT, new byte[0], code, reason, List.of());
    }
}
