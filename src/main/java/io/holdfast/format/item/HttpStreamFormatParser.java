// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.format.GripFormatException;

/**
 * Parses the {@code http-stream} format of a publish item (GRIP spec; Pushpin's
 * {@code PublishFormat::fromVariant}). Pure and thread-safe; called by {@link PublishItemParser}.
 */
final class HttpStreamFormatParser
{
    static final String NAME = "'http-stream'";

    private HttpStreamFormatParser()
    {
    }

    static HttpStreamFormat parse(JsonNode format, ItemEncoding encoding) throws GripFormatException
    {
        if (!format.isObject())
        {
            throw new GripFormatException(NAME + " is not an object");
        }
        Action action = JsonFields.action(format, NAME);
        // like Pushpin, close and hint carry nothing, so their other fields are not even checked
        if (action != Action.SEND)
        {
            return new HttpStreamFormat(action, new byte[0], List.of());
        }
        List<String> filters = JsonFields.contentFilters(format, NAME);
        byte[] content;
        // a tnetstring carries raw bytes in 'content': Pushpin does not read its 'content-bin'
        if (encoding == ItemEncoding.JSON && format.has("content-bin"))
        {
            content = JsonFields.base64(format, NAME, "content-bin");
        }
        else if (format.has("content"))
        {
            content = JsonFields.bytes(format, NAME, "content");
        }
        else if (encoding == ItemEncoding.JSON)
        {
            throw new GripFormatException(NAME + " does not contain 'content' or 'content-bin'");
        }
        else
        {
            throw new GripFormatException(NAME + " does not contain 'content'");
        }
        return new HttpStreamFormat(action, content, filters);
    }
}
