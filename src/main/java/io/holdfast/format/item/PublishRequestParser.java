// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.format.GripFormatException;

/**
 * Parses the body of a control API {@code POST /publish}, {@code {"items": [...]}}, and the items of
 * the command socket's {@code publish}; pure and thread-safe. One bad item rejects the batch, and the
 * exception message is Pushpin's whole 400 response body without its final newline, for example
 * {@code Invalid format: no formats specified}.
 */
public final class PublishRequestParser
{
    static final String NOT_JSON = "Body is not valid JSON.";
    static final String NOT_OBJECT = "Invalid format.";
    static final String INVALID_FORMAT = "Invalid format: ";

    private PublishRequestParser()
    {
    }

    /** The items in body order; empty for {@code {"items":[]}}. */
    public static List<PublishItem> parse(byte[] body) throws GripFormatException
    {
        Optional<JsonNode> document = PushpinJson.parse(body);
        if (document.isEmpty())
        {
            throw new GripFormatException(NOT_JSON);
        }
        JsonNode root = document.get();
        if (!root.isObject())
        {
            throw new GripFormatException(NOT_OBJECT);
        }
        return parseItems(root, ItemEncoding.JSON);
    }

    /**
     * The items of an already decoded {@code {"items": [...]}} object: the control API's body, or the
     * args of the command socket's {@code publish} (a tnetstring dict), which Pushpin answers with the
     * same messages.
     */
    public static List<PublishItem> parseItems(JsonNode root, ItemEncoding encoding) throws GripFormatException
    {
        JsonNode items = root.get("items");
        if (items == null)
        {
            throw new GripFormatException(INVALID_FORMAT + "object does not contain 'items'");
        }
        if (!items.isArray())
        {
            throw new GripFormatException(INVALID_FORMAT + "object contains 'items' with wrong type");
        }
        List<PublishItem> out = new ArrayList<>(items.size());
        for (JsonNode item : items)
        {
            try
            {
                out.add(PublishItemParser.parse(item, encoding, Optional.empty()));
            }
            catch (GripFormatException e)
            {
                throw new GripFormatException(INVALID_FORMAT + e.getMessage());
            }
        }
        return List.copyOf(out);
    }
}
