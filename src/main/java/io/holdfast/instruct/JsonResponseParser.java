// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.HeaderField;

/**
 * Reads the {@code response} object of a JSON instruct ({@code code}, {@code reason},
 * {@code headers}, {@code body}/{@code body-bin}) into a draft. The code defaults to the one in
 * effect (200, or Grip-Status); a given code drops the reason in effect. Pure and thread-safe.
 */
final class JsonResponseParser
{
    private JsonResponseParser()
    {
    }

    static void apply(JsonNode response, InstructDraft d) throws GripFormatException
    {
        if (!response.isObject())
        {
            // Pushpin 1.36 fails here without setting a message, so its debug body ends at
            // "Failed to parse accept instructions: "; the empty message keeps that.
            throw new GripFormatException("");
        }
        if (response.has("code"))
        {
            int code = JsonInstructParser.intField(response, "response", "code");
            if (code < 0 || code > 999)
            {
                throw JsonInstructParser.invalidValue("response", "code");
            }
            d.code = code;
            d.reason = Optional.empty();
        }
        Optional<String> reason = JsonInstructParser.optString(response, "response", "reason");
        if (reason.isPresent() && !reason.get().isEmpty())
        {
            d.reason = reason;
        }
        if (response.has("headers"))
        {
            d.headers = headers(response.get("headers"));
        }
        if (response.has("body-bin"))
        {
            d.body = LenientBase64.decode(JsonInstructParser.optString(response, "response", "body-bin").orElseThrow());
        }
        else if (response.has("body"))
        {
            d.body = JsonInstructParser.optString(response, "response", "body").orElseThrow()
                .getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * A list of {@code [name, value]} pairs keeps order and repeats; an object comes out sorted
     * by name, as Pushpin sends it. Deliberate deviation: {@code Grip-*} names are dropped, where
     * Pushpin passes them to the client, so every ResponseSpec is Grip-free.
     */
    private static List<HeaderField> headers(JsonNode headers) throws GripFormatException
    {
        List<HeaderField> out = new ArrayList<>();
        if (headers.isArray())
        {
            for (JsonNode pair : headers)
            {
                if (!pair.isArray())
                {
                    throw new GripFormatException("headers contains element with wrong type");
                }
                if (pair.size() != 2)
                {
                    throw new GripFormatException("headers contains list with wrong number of elements");
                }
                if (!pair.get(0).isTextual())
                {
                    throw new GripFormatException("header contains name element with wrong type");
                }
                if (!pair.get(1).isTextual())
                {
                    throw new GripFormatException("header contains value element with wrong type");
                }
                out.add(new HeaderField(pair.get(0).textValue(), pair.get(1).textValue()));
            }
        }
        else if (headers.isObject())
        {
            for (Map.Entry<String, JsonNode> e : JsonInstructParser.sorted(headers).entrySet())
            {
                if (!e.getValue().isTextual())
                {
                    throw new GripFormatException("headers contains '" + e.getKey() + "' with wrong type");
                }
                out.add(new HeaderField(e.getKey(), e.getValue().textValue()));
            }
        }
        else
        {
            throw JsonInstructParser.wrongType("response", "headers");
        }
        return out.stream().filter(h -> !GripHeaderParser.isGripHeader(h.name())).toList();
    }
}
