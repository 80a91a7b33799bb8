// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.tnetstring;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a decoded tnetstring into the Jackson tree the publish item parsers read: byte strings
 * become binary nodes (the parsers take those wherever text goes, and as raw bytes for content),
 * dicts objects, lists arrays. Pure and thread-safe.
 */
public final class TnetJson
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TnetJson()
    {
    }

    public static JsonNode toJson(TnetValue value)
    {
        if (value instanceof TnetValue.Bytes b)
            return NODES.binaryNode(b.value());
        if (value instanceof TnetValue.Int i)
            return NODES.numberNode(i.value());
        if (value instanceof TnetValue.Real r)
            return NODES.numberNode(r.value());
        if (value instanceof TnetValue.Bool b)
            return NODES.booleanNode(b.value());
        if (value instanceof TnetValue.Null)
            return NODES.nullNode();
        if (value instanceof TnetValue.Array a)
        {
            ArrayNode array = NODES.arrayNode(a.values().size());
            a.values().forEach(v -> array.add(toJson(v)));
            return array;
        }
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<String, TnetValue> entry : ((TnetValue.Dict)value).entries().entrySet())
            object.set(entry.getKey(), toJson(entry.getValue()));
        return object;
    }
}
