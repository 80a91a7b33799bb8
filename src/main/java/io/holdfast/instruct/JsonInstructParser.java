// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.item.PushpinJson;

/**
 * Lays an {@code application/grip-instruct} JSON body (pushpin-spec §3.3) over the header
 * instructions already in a draft: {@code hold} fields override, channels are appended, and the
 * origin's own headers and body are replaced by {@code response}. Errors carry Pushpin's
 * messages. Pure and thread-safe.
 */
final class JsonInstructParser
{
    private JsonInstructParser()
    {
    }

    static void apply(byte[] body, InstructDraft d) throws GripFormatException
    {
        JsonNode root = read(body);
        if (!root.isObject())
        {
            throw new GripFormatException("instruct must be an object");
        }
        if (root.has("hold"))
        {
            hold(root.get("hold"), d);
        }
        d.headers = List.of();
        d.body = new byte[0];
        if (root.has("response"))
        {
            JsonResponseParser.apply(root.get("response"), d);
        }
    }

    /** Qt 5's acceptance rules (top level must be an object or array), via the shared reader. */
    private static JsonNode read(byte[] body) throws GripFormatException
    {
        return PushpinJson.parse(body).orElseThrow(
            () -> new GripFormatException("failed to parse application/grip-instruct content as JSON"));
    }

    private static void hold(JsonNode hold, InstructDraft d) throws GripFormatException
    {
        if (!hold.isObject())
        {
            throw new GripFormatException("instruct contains 'hold' with wrong type");
        }
        Optional<String> mode = optString(hold, "hold", "mode");
        d.hold = switch (mode.orElse("response"))
        {
            case "response" -> HoldMode.RESPONSE;
            case "stream" -> HoldMode.STREAM;
            default -> throw new GripFormatException("hold 'mode' must be set to either 'response' or 'stream'");
        };
        if (!hold.has("channels"))
        {
            throw new GripFormatException("hold does not contain 'channels'");
        }
        for (JsonNode channel : list(hold, "hold", "channels"))
        {
            d.channels.add(channel(channel));
        }
        if (hold.has("timeout"))
        {
            d.timeout = OptionalInt.of(nonNegativeInt(hold, "hold", "timeout"));
        }
        if (hold.has("keep-alive"))
        {
            keepAlive(hold.get("keep-alive"), d);
        }
        if (hold.has("meta"))
        {
            JsonNode meta = hold.get("meta");
            if (!meta.isObject())
            {
                throw new GripFormatException("hold contains 'meta' with wrong type");
            }
            for (var e : sorted(meta).entrySet())
            {
                if (!e.getValue().isTextual())
                {
                    throw new GripFormatException("'meta' contains '" + e.getKey() + "' with wrong type");
                }
                d.meta.put(e.getKey(), e.getValue().textValue());
            }
        }
    }

    private static ChannelSpec channel(JsonNode channel) throws GripFormatException
    {
        if (!channel.isObject())
        {
            throw new GripFormatException("channel is not an object");
        }
        if (!channel.has("name"))
        {
            throw new GripFormatException("channel does not contain 'name'");
        }
        String name = optString(channel, "channel", "name").orElseThrow();
        Optional<String> prevId = optString(channel, "channel", "prev-id");
        List<String> filters = new ArrayList<>();
        if (channel.has("filters"))
        {
            for (JsonNode f : list(channel, "channel", "filters"))
            {
                if (!f.isTextual())
                {
                    throw new GripFormatException("filters contains value with wrong type");
                }
                filters.add(f.textValue());
            }
        }
        return new ChannelSpec(name, prevId, filters);
    }

    /**
     * Content and timeout come from JSON when given, else from Grip-Keep-Alive. The JSON form has
     * no mode: Pushpin then never restarts the timer on writes (verified against 1.36), which is
     * {@link KeepAlive.Mode#INTERVAL}, unless the header set a mode.
     */
    private static void keepAlive(JsonNode ka, InstructDraft d) throws GripFormatException
    {
        if (!ka.isObject())
        {
            throw new GripFormatException("hold contains 'keep-alive' with wrong type");
        }
        byte[] content = d.keepAlive.map(KeepAlive::content).orElse(new byte[0]);
        if (ka.has("content-bin"))
        {
            content = LenientBase64.decode(optString(ka, "keep-alive", "content-bin").orElseThrow());
        }
        else if (ka.has("content"))
        {
            content = optString(ka, "keep-alive", "content").orElseThrow().getBytes(StandardCharsets.UTF_8);
        }
        int timeout = ka.has("timeout")
            ? nonNegativeInt(ka, "keep-alive", "timeout")
            : KeepAliveHeaderParser.DEFAULT_TIMEOUT;
        KeepAlive.Mode mode = d.keepAlive.map(KeepAlive::mode).orElse(KeepAlive.Mode.INTERVAL);
        d.keepAlive = Optional.of(new KeepAlive(content, timeout, mode));
    }

    /** A string field, empty when absent; JSON null counts as present and of the wrong type. */
    static Optional<String> optString(JsonNode parent, String parentName, String field) throws GripFormatException
    {
        if (!parent.has(field))
        {
            return Optional.empty();
        }
        JsonNode v = parent.get(field);
        if (!v.isTextual())
        {
            throw wrongType(parentName, field);
        }
        return Optional.of(v.textValue());
    }

    private static JsonNode list(JsonNode parent, String parentName, String field) throws GripFormatException
    {
        JsonNode v = parent.get(field);
        if (!v.isArray())
        {
            throw wrongType(parentName, field);
        }
        return v;
    }

    private static int nonNegativeInt(JsonNode parent, String parentName, String field) throws GripFormatException
    {
        int v = intField(parent, parentName, field);
        if (v < 0)
        {
            throw invalidValue(parentName, field);
        }
        return v;
    }

    /**
     * An int field as Qt converts it: fractions round half up (201.6 is 202) and numeric strings
     * count. Deliberate deviation, as for publish items: Qt silently reads "abc" as 0 and true as
     * 1; here a non-numeric string is an invalid value, a boolean the wrong type, and values
     * beyond 32 bits are invalid instead of truncated.
     */
    static int intField(JsonNode parent, String parentName, String field) throws GripFormatException
    {
        JsonNode v = parent.get(field);
        if (v.isIntegralNumber())
        {
            if (!v.canConvertToInt())
            {
                throw invalidValue(parentName, field);
            }
            return v.intValue();
        }
        if (v.isNumber())
        {
            double x = v.doubleValue();
            if (!Double.isFinite(x) || x < Integer.MIN_VALUE || x >= Integer.MAX_VALUE)
            {
                throw invalidValue(parentName, field);
            }
            return (int) Math.round(x);
        }
        if (v.isTextual())
        {
            return HeaderValues.parseInt(v.textValue()).orElseThrow(() -> invalidValue(parentName, field));
        }
        throw wrongType(parentName, field);
    }

    /** Object fields by key, as Qt's QVariantMap iterates them (and so orders headers). */
    static TreeMap<String, JsonNode> sorted(JsonNode object)
    {
        TreeMap<String, JsonNode> out = new TreeMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static GripFormatException wrongType(String parentName, String field)
    {
        return new GripFormatException(parentName + " contains '" + field + "' with wrong type");
    }

    static GripFormatException invalidValue(String parentName, String field)
    {
        return new GripFormatException(parentName + " contains '" + field + "' with invalid value");
    }
}
