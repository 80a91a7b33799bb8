// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.holdfast.format.GripFormatException;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Test helpers: items from JSON text (single quotes stand for double quotes) and byte strings. */
final class ItemJson
{
    private ItemJson()
    {
    }

    static JsonNode tree(String json)
    {
        byte[] bytes = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        return PushpinJson.parse(bytes).orElseThrow(() -> new IllegalArgumentException(json));
    }

    static PublishItem item(String json) throws GripFormatException
    {
        return PublishItemParser.parse(tree(json));
    }

    /** An item on channel "c" with one format. */
    static PublishItem withFormat(String key, String format) throws GripFormatException
    {
        return item("{'channel':'c','formats':{'" + key + "':" + format + "}}");
    }

    static String error(String json)
    {
        return assertThrows(GripFormatException.class, () -> item(json)).getMessage();
    }

    static String formatError(String key, String format)
    {
        return assertThrows(GripFormatException.class, () -> withFormat(key, format)).getMessage();
    }

    /** A tnetstring-style byte string node. */
    static BinaryNode bytes(byte... data)
    {
        return BinaryNode.valueOf(data);
    }

    static BinaryNode bytes(String utf8)
    {
        return BinaryNode.valueOf(utf8.getBytes(StandardCharsets.UTF_8));
    }

    static ObjectNode object()
    {
        return JsonNodeFactory.instance.objectNode();
    }

    static byte[] utf8(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
