// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.holdfast.format.GripFormatException;

/**
 * Parses one published item (GRIP "item", Pushpin's {@code PublishItem::fromVariant}) from a
 * Jackson tree: JSON from the control API and ZeroMQ inputs, or a converted tnetstring whose byte
 * strings are binary nodes. Fields are checked in Pushpin's order so the first error reported is
 * the one Pushpin reports. Pure and thread-safe.
 */
public final class PublishItemParser
{
    private static final String ITEM = "publish item object";
    private static final String HTTP_RESPONSE = "http-response";
    private static final String HTTP_STREAM = "http-stream";
    private static final String WS_MESSAGE = "ws-message";

    private PublishItemParser()
    {
    }

    /** Parses a JSON item that names its own {@code channel}. */
    public static PublishItem parse(JsonNode item) throws GripFormatException
    {
        return parse(item, ItemEncoding.JSON, Optional.empty());
    }

    /**
     * Parses a JSON item from the ZeroMQ SUB input, where the message's first frame is the channel:
     * the item's own {@code channel} field is then neither required nor read.
     */
    public static PublishItem parseWithChannel(JsonNode item, String channel) throws GripFormatException
    {
        return parse(item, ItemEncoding.JSON, Optional.of(channel));
    }

    /**
     * Parses an item encoded as {@code encoding} (a tnetstring arrives as the tree
     * {@code TnetJson} makes of it); {@code givenChannel}, when present, replaces the item's own.
     */
    public static PublishItem parse(JsonNode item, ItemEncoding encoding, Optional<String> givenChannel)
        throws GripFormatException
    {
        if (!item.isObject())
        {
            throw new GripFormatException(ITEM + " is not an object");
        }
        String channel = givenChannel.isPresent()
            ? givenChannel.get()
            : JsonFields.requiredString(item, ITEM, "channel");
        Optional<String> id = JsonFields.optString(item, ITEM, "id");
        Optional<String> prevId = JsonFields.optString(item, ITEM, "prev-id");
        JsonNode formats = formats(item);
        if (formats.isEmpty())
        {
            throw new GripFormatException("no formats specified");
        }
        // keys other than the three known formats are ignored, so an item can end up with none
        Optional<HttpResponseFormat> httpResponse = Optional.empty();
        if (formats.has(HTTP_RESPONSE))
        {
            httpResponse = Optional.of(HttpResponseFormatParser.parse(formats.get(HTTP_RESPONSE), encoding));
        }
        Optional<HttpStreamFormat> httpStream = Optional.empty();
        if (formats.has(HTTP_STREAM))
        {
            httpStream = Optional.of(HttpStreamFormatParser.parse(formats.get(HTTP_STREAM), encoding));
        }
        Optional<WsMessageFormat> wsMessage = Optional.empty();
        if (formats.has(WS_MESSAGE))
        {
            wsMessage = Optional.of(WsMessageFormatParser.parse(formats.get(WS_MESSAGE)));
        }
        Map<String, String> meta = meta(item);
        checkSize(item);
        boolean noSeq = noSeq(item);
        return new PublishItem(channel, id, prevId, meta, noSeq, httpResponse, httpStream, wsMessage);
    }

    /** {@code formats}, or for the legacy flat form the format keys found on the item itself. */
    private static JsonNode formats(JsonNode item) throws GripFormatException
    {
        JsonNode formats = item.get("formats");
        if (formats != null)
        {
            if (!formats.isObject())
            {
                throw JsonFields.wrongType(ITEM, "formats");
            }
            return formats;
        }
        ObjectNode flat = JsonNodeFactory.instance.objectNode();
        for (String key : List.of(HTTP_RESPONSE, HTTP_STREAM, WS_MESSAGE))
        {
            if (item.has(key))
            {
                flat.set(key, item.get(key));
            }
        }
        return flat;
    }

    private static Map<String, String> meta(JsonNode item) throws GripFormatException
    {
        JsonNode meta = item.get("meta");
        if (meta == null)
        {
            return Map.of();
        }
        if (!meta.isObject())
        {
            throw JsonFields.wrongType(ITEM, "meta");
        }
        return JsonFields.stringMap(meta, key -> "'meta' contains '" + key + "' with wrong type");
    }

    // size only overrides the size used for stats; it is validated and then dropped
    private static void checkSize(JsonNode item) throws GripFormatException
    {
        OptionalInt size = JsonFields.optInt(item, ITEM, "size");
        if (size.isPresent() && size.getAsInt() < 0)
        {
            throw JsonFields.invalidValue(ITEM, "size");
        }
    }

    private static boolean noSeq(JsonNode item) throws GripFormatException
    {
        JsonNode noSeq = item.get("no-seq");
        if (noSeq == null)
        {
            return false;
        }
        if (!noSeq.isBoolean())
        {
            throw JsonFields.wrongType(ITEM, "no-seq");
        }
        return noSeq.booleanValue();
    }
}
