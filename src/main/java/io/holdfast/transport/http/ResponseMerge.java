// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.HeaderField;
import io.holdfast.format.JsonPatch;
import io.holdfast.format.item.HttpResponseFormat;
import io.holdfast.format.item.PushpinJson;
import io.holdfast.instruct.ResponseSpec;

/**
 * Builds the response a held long-poll receives for a published {@code http-response} (GRIP §3.4):
 * the held response's headers minus every name the publish sets, then the publish's headers
 * (never {@code Grip-*}); the publish's code (200 by default, not the origin's), reason and body,
 * or the held JSON body changed by the publish's {@code body-patch}. Pure.
 */
final class ResponseMerge
{
    private static final ObjectMapper WRITER = new ObjectMapper();

    private ResponseMerge()
    {
    }

    /** @throws GripFormatException when a {@code body-patch} does not apply to the held body */
    static ResponseSpec merge(ResponseSpec held, HttpResponseFormat published) throws GripFormatException
    {
        Set<String> replaced = new HashSet<>();
        for (HeaderField header : published.headers())
            replaced.add(header.name().toLowerCase(Locale.ROOT));
        List<HeaderField> headers = new ArrayList<>();
        for (HeaderField header : held.headers())
        {
            if (!replaced.contains(header.name().toLowerCase(Locale.ROOT)))
                headers.add(header);
        }
        for (HeaderField header : published.headers())
        {
            if (!header.name().regionMatches(true, 0, "Grip-", 0, 5))
                headers.add(header);
        }
        byte[] body = published.body();
        if (published.bodyPatch().isPresent() && body.length == 0)
            body = patched(held.body(), published.bodyPatch().get());
        return new ResponseSpec(published.code(), published.reason(), headers, body);
    }

    private static byte[] patched(byte[] heldBody, JsonNode patch) throws GripFormatException
    {
        JsonNode document = PushpinJson.parse(heldBody)
            .orElseThrow(() -> new GripFormatException("held body is not JSON, so body-patch cannot apply"));
        try
        {
            return WRITER.writeValueAsBytes(JsonPatch.apply(document, patch));
        }
        catch (JsonProcessingException e)
        {
            throw new GripFormatException("patched body cannot be written: " + e.getOriginalMessage());
        }
    }
}
