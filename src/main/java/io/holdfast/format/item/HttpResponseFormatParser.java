// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.HeaderField;

/**
 * Parses the {@code http-response} format of a publish item (GRIP spec; Pushpin's
 * {@code PublishFormat::fromVariant}). Close and hint carry no response, so they come back with
 * code 200, no headers and an empty body. Pure and thread-safe.
 */
final class HttpResponseFormatParser
{
    static final String NAME = "'http-response'";

    private static final int DEFAULT_CODE = 200;
    private static final int MAX_CODE = 999;

    private HttpResponseFormatParser()
    {
    }

    static HttpResponseFormat parse(JsonNode format, ItemEncoding encoding) throws GripFormatException
    {
        if (!format.isObject())
        {
            throw new GripFormatException(NAME + " is not an object");
        }
        Action action = JsonFields.action(format, NAME);
        // like Pushpin, close and hint carry nothing, so their other fields are not even checked
        if (action != Action.SEND)
        {
            return new HttpResponseFormat(
                action, DEFAULT_CODE, Optional.empty(), List.of(), new byte[0], Optional.empty(), List.of());
        }
        int code = JsonFields.optInt(format, NAME, "code").orElse(DEFAULT_CODE);
        if (code < 0 || code > MAX_CODE)
        {
            throw JsonFields.invalidValue(NAME, "code");
        }
        // an empty reason means "use the standard phrase", as in Pushpin
        Optional<String> reason = JsonFields.optString(format, NAME, "reason").filter(r -> !r.isEmpty());
        List<HeaderField> headers = headers(format);
        List<String> filters = JsonFields.contentFilters(format, NAME);
        byte[] body = new byte[0];
        Optional<JsonNode> bodyPatch = Optional.empty();
        // a tnetstring carries raw bytes in 'body': Pushpin does not read its 'body-bin'
        if (encoding == ItemEncoding.JSON && format.has("body-bin"))
        {
            body = JsonFields.base64(format, NAME, "body-bin");
        }
        else if (format.has("body"))
        {
            body = JsonFields.bytes(format, NAME, "body");
        }
        else if (format.has("body-patch"))
        {
            JsonNode patch = format.get("body-patch");
            if (!patch.isArray())
            {
                throw JsonFields.wrongType(NAME, "body-patch");
            }
            // the operations are only checked when applied to a held body, as in Pushpin
            bodyPatch = Optional.of(patch.deepCopy());
        }
        else if (encoding == ItemEncoding.JSON)
        {
            throw new GripFormatException(NAME + " does not contain 'body', 'body-bin', or 'body-patch'");
        }
        else
        {
            throw new GripFormatException(NAME + " does not contain 'body' or 'body-patch'");
        }
        return new HttpResponseFormat(action, code, reason, headers, body, bodyPatch, filters);
    }

    /**
     * {@code headers}: a list of [name, value] pairs, kept in order, or an object of values, sorted
     * by name as Pushpin sends them (its JSON objects are sorted maps), so responses match byte
     * for byte.
     */
    private static List<HeaderField> headers(JsonNode format) throws GripFormatException
    {
        JsonNode headers = format.get("headers");
        if (headers == null)
        {
            return List.of();
        }
        List<HeaderField> out = new ArrayList<>();
        if (headers.isArray())
        {
            for (JsonNode pair : headers)
            {
                out.add(headerPair(pair));
            }
        }
        else if (headers.isObject())
        {
            Map<String, String> values =
                JsonFields.stringMap(headers, name -> "headers contains '" + name + "' with wrong type");
            new TreeMap<>(values).forEach((name, value) -> out.add(new HeaderField(name, value)));
        }
        else
        {
            throw JsonFields.wrongType(NAME, "headers");
        }
        return out;
    }

    private static HeaderField headerPair(JsonNode pair) throws GripFormatException
    {
        if (!pair.isArray())
        {
            throw new GripFormatException("headers contains element with wrong type");
        }
        if (pair.size() != 2)
        {
            throw new GripFormatException("headers contains list with wrong number of elements");
        }
        if (!JsonFields.isString(pair.get(0)))
        {
            throw new GripFormatException("header contains name element with wrong type");
        }
        if (!JsonFields.isString(pair.get(1)))
        {
            throw new GripFormatException("header contains value element with wrong type");
        }
        return new HeaderField(JsonFields.text(pair.get(0)), JsonFields.text(pair.get(1)));
    }
}
