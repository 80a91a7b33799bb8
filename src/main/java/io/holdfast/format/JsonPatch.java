// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON Patch (RFC 6902), as a published {@code http-response} uses it ({@code body-patch}) to
 * change a long-poll's held JSON body instead of replacing it: {@code add}, {@code remove},
 * {@code replace}, {@code move}, {@code copy} and {@code test}, with RFC 6901 pointers. Pure: the
 * document given is not changed.
 */
public final class JsonPatch
{
    private JsonPatch()
    {
    }

    /** The patched copy of {@code document}; a malformed or failing operation is an error. */
    public static JsonNode apply(JsonNode document, JsonNode operations) throws GripFormatException
    {
        if (!operations.isArray())
            throw new GripFormatException("body-patch is not a list");
        JsonNode result = document.deepCopy();
        for (JsonNode operation : operations)
            result = applyOne(result, operation);
        return result;
    }

    private static JsonNode applyOne(JsonNode document, JsonNode operation) throws GripFormatException
    {
        String op = text(operation, "op");
        List<String> path = pointer(text(operation, "path"));
        switch (op)
        {
            case "add" -> document = add(document, path, value(operation).deepCopy());
            case "remove" -> document = remove(document, path);
            case "replace" -> document = replace(document, path, value(operation).deepCopy());
            case "move" ->
            {
                List<String> from = pointer(text(operation, "from"));
                JsonNode moved = get(document, from);
                document = add(remove(document, from), path, moved);
            }
            case "copy" -> document = add(document, path, get(document, pointer(text(operation, "from"))).deepCopy());
            case "test" ->
            {
                if (!get(document, path).equals(value(operation)))
                    throw new GripFormatException("body-patch test failed at " + text(operation, "path"));
            }
            default -> throw new GripFormatException("body-patch has unknown op '" + op + "'");
        }
        return document;
    }

    private static JsonNode add(JsonNode document, List<String> path, JsonNode value) throws GripFormatException
    {
        if (path.isEmpty())
            return value;
        ContainerNode<?> parent = container(get(document, path.subList(0, path.size() - 1)));
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object)
            object.set(last, value);
        else
        {
            ArrayNode array = (ArrayNode)parent;
            int index = last.equals("-") ? array.size() : index(last, array.size() + 1);
            array.insert(index, value);
        }
        return document;
    }

    // In place, so an object's members keep their order.
    private static JsonNode replace(JsonNode document, List<String> path, JsonNode value) throws GripFormatException
    {
        if (path.isEmpty())
            return value;
        get(document, path);
        ContainerNode<?> parent = container(get(document, path.subList(0, path.size() - 1)));
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object)
            object.set(last, value);
        else
            ((ArrayNode)parent).set(index(last, parent.size()), value);
        return document;
    }

    private static JsonNode remove(JsonNode document, List<String> path) throws GripFormatException
    {
        if (path.isEmpty())
            throw new GripFormatException("body-patch cannot remove the whole document");
        ContainerNode<?> parent = container(get(document, path.subList(0, path.size() - 1)));
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object)
        {
            if (object.remove(last) == null)
                throw new GripFormatException("body-patch path not found: " + last);
        }
        else
            ((ArrayNode)parent).remove(index(last, parent.size()));
        return document;
    }

    private static JsonNode get(JsonNode document, List<String> path) throws GripFormatException
    {
        JsonNode node = document;
        for (String token : path)
        {
            JsonNode next = node.isArray() ? node.get(index(token, node.size())) : node.get(token);
            if (next == null)
                throw new GripFormatException("body-patch path not found: " + token);
            node = next;
        }
        return node;
    }

    private static ContainerNode<?> container(JsonNode node) throws GripFormatException
    {
        if (node instanceof ContainerNode<?> container)
            return container;
        throw new GripFormatException("body-patch path does not lead into an object or array");
    }

    private static int index(String token, int bound) throws GripFormatException
    {
        try
        {
            int index = Integer.parseInt(token);
            if (index >= 0 && index < bound && (token.equals("0") || !token.startsWith("0")))
                return index;
        }
        catch (NumberFormatException ignored)
        {
            // reported below
        }
        throw new GripFormatException("body-patch has a bad array index: " + token);
    }

    /** RFC 6901: "/a/b~1c" is ["a", "b/c"]; "" is the whole document. */
    private static List<String> pointer(String pointer) throws GripFormatException
    {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty())
            return tokens;
        if (!pointer.startsWith("/"))
            throw new GripFormatException("body-patch has a bad path: " + pointer);
        for (String token : pointer.substring(1).split("/", -1))
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        return tokens;
    }

    private static String text(JsonNode operation, String field) throws GripFormatException
    {
        JsonNode value = operation.get(field);
        if (value == null || !value.isTextual())
            throw new GripFormatException("body-patch operation does not contain '" + field + "'");
        return value.textValue();
    }

    private static JsonNode value(JsonNode operation) throws GripFormatException
    {
        JsonNode value = operation.get("value");
        if (value == null)
            throw new GripFormatException("body-patch operation does not contain 'value'");
        return value;
    }
}
