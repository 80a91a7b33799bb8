// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.holdfast.format.GripFormatException;

/**
 * What a SockJS client sends: a JSON array of strings, as the body of {@code xhr_send} or a
 * framed WebSocket message, or in the {@code d} field of a {@code jsonp_send} form; and the JSONP
 * callback names it may ask for. Pure; thread-safe.
 */
final class SockJsPayload
{
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
    /**
     * The callback is echoed into a script the browser runs, so it may only name a function: any
     * other character would let a link inject code into this origin (sockjs-node's rule).
     */
    private static final Pattern CALLBACK = Pattern.compile("[a-zA-Z0-9_.\\-]{1,32}");

    private SockJsPayload()
    {
    }

    /** The messages of a send: a JSON array of strings, in order. */
    static List<String> messages(String json) throws GripFormatException
    {
        JsonNode array;
        try
        {
            array = MAPPER.readTree(json);
        }
        catch (JsonProcessingException e)
        {
            throw new GripFormatException("Payload expected");
        }
        if (array == null || !array.isArray())
            throw new GripFormatException("Payload expected");
        List<String> messages = new ArrayList<>(array.size());
        for (JsonNode message : array)
        {
            if (!message.isTextual())
                throw new GripFormatException("Payload expected");
            messages.add(message.textValue());
        }
        return messages;
    }

    /** The first value of {@code name} in a form-encoded body or query, decoded. */
    static Optional<String> formField(String form, String name)
    {
        if (form == null)
            return Optional.empty();
        for (String pair : form.split("&"))
        {
            int equals = pair.indexOf('=');
            if (equals > 0 && decode(pair.substring(0, equals)).equals(name))
                return Optional.of(decode(pair.substring(equals + 1)));
        }
        return Optional.empty();
    }

    static boolean isValidCallback(String callback)
    {
        return CALLBACK.matcher(callback).matches();
    }

    private static String decode(String text)
    {
        try
        {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException malformed)
        {
            return text;
        }
    }
}
