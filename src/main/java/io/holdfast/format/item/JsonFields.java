// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;

import io.holdfast.format.GripFormatException;

/**
 * Reads typed fields out of a publish item's JSON tree and words failures the way Pushpin does
 * ({@code '<parent>' contains '<field>' with wrong type}). Byte strings from the ZeroMQ tnetstring
 * input arrive as binary nodes and are accepted wherever text is.
 */
final class JsonFields
{
    /** Sign, then digits with leading zeros dropped. */
    private static final Pattern DECIMAL_INT = Pattern.compile("([+-]?)0*([0-9]+)");
    private static final int MAX_LONG_DIGITS = 18;

    private JsonFields()
    {
    }

    static GripFormatException wrongType(String parent, String field)
    {
        return new GripFormatException(parent + " contains '" + field + "' with wrong type");
    }

    static GripFormatException invalidValue(String parent, String field)
    {
        return new GripFormatException(parent + " contains '" + field + "' with invalid value");
    }

    /** True for the node kinds Pushpin reads as a string: JSON text or tnetstring bytes. */
    static boolean isString(JsonNode node)
    {
        return node.isTextual() || node.isBinary();
    }

    /** The text of a string node; bytes are decoded as UTF-8, malformed input replaced as Qt does. */
    static String text(JsonNode node)
    {
        return node.isBinary() ? new String(binary(node), StandardCharsets.UTF_8) : node.textValue();
    }

    static Optional<String> optString(JsonNode obj, String parent, String field)
        throws GripFormatException
    {
        JsonNode value = obj.get(field);
        if (value == null)
        {
            return Optional.empty();
        }
        if (!isString(value))
        {
            throw wrongType(parent, field);
        }
        return Optional.of(text(value));
    }

    static String requiredString(JsonNode obj, String parent, String field) throws GripFormatException
    {
        if (!obj.has(field))
        {
            throw new GripFormatException(parent + " does not contain '" + field + "'");
        }
        return optString(obj, parent, field).orElseThrow();
    }

    /** Text is taken as its UTF-8 bytes and tnetstring bytes as they are. */
    static byte[] bytes(JsonNode obj, String parent, String field) throws GripFormatException
    {
        JsonNode value = obj.get(field);
        if (value.isBinary())
        {
            return binary(value);
        }
        if (value.isTextual())
        {
            return value.textValue().getBytes(StandardCharsets.UTF_8);
        }
        throw wrongType(parent, field);
    }

    /**
     * A {@code -bin} field: base64 text from JSON, raw bytes from tnetstrings. Pushpin's decoder
     * silently skips characters outside the alphabet; a publisher sending those has a bug that
     * would otherwise reach subscribers as garbage, so only line breaks and spaces are ignored.
     */
    static byte[] base64(JsonNode obj, String parent, String field) throws GripFormatException
    {
        JsonNode value = obj.get(field);
        if (value.isBinary())
        {
            return binary(value);
        }
        if (!value.isTextual())
        {
            throw wrongType(parent, field);
        }
        String compact = value.textValue().replaceAll("[ \t\r\n]", "");
        try
        {
            return Base64.getDecoder().decode(compact);
        }
        catch (IllegalArgumentException ignored)
        {
            throw invalidValue(parent, field);
        }
    }

    /**
     * An integer the way Qt's {@code QVariant::toInt} reads it: numbers (fractions rounded half
     * up) and decimal strings. Unlike Pushpin, booleans and strings that are not a number are
     * rejected instead of silently becoming 1 or 0, and values beyond 32 bits are not truncated.
     */
    static OptionalInt optInt(JsonNode obj, String parent, String field) throws GripFormatException
    {
        JsonNode value = obj.get(field);
        if (value == null)
        {
            return OptionalInt.empty();
        }
        long number;
        if (value.isIntegralNumber())
        {
            number = value.canConvertToLong() ? value.longValue() : Long.MAX_VALUE;
        }
        else if (value.isNumber())
        {
            double d = value.doubleValue();
            if (!Double.isFinite(d))
            {
                throw invalidValue(parent, field);
            }
            // saturates at the long range, which the 32-bit check below rejects
            number = Math.round(d);
        }
        else if (isString(value))
        {
            number = decimal(text(value).strip()).orElseThrow(() -> invalidValue(parent, field));
        }
        else
        {
            throw wrongType(parent, field);
        }
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)
        {
            throw invalidValue(parent, field);
        }
        return OptionalInt.of((int) number);
    }

    // Digits beyond what a long holds saturate, so a megabyte of digits costs no BigInteger.
    private static Optional<Long> decimal(String text)
    {
        Matcher m = DECIMAL_INT.matcher(text);
        if (!m.matches())
        {
            return Optional.empty();
        }
        boolean negative = m.group(1).equals("-");
        String digits = m.group(2);
        if (digits.length() > MAX_LONG_DIGITS)
        {
            return Optional.of(negative ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
        long magnitude = Long.parseLong(digits);
        return Optional.of(negative ? -magnitude : magnitude);
    }

    /**
     * {@code action}, {@code send} when absent. Pushpin 1.36 fails an unknown action without
     * setting a message, so its 400 body ends at "Invalid format: "; the empty message keeps that.
     */
    static Action action(JsonNode format, String parent) throws GripFormatException
    {
        Optional<String> action = optString(format, parent, "action");
        if (action.isEmpty())
        {
            return Action.SEND;
        }
        return switch (action.get())
        {
            case "send" -> Action.SEND;
            case "hint" -> Action.HINT;
            case "close" -> Action.CLOSE;
            default -> throw new GripFormatException("");
        };
    }

    /** {@code content-filters}: a list of strings, each naming a filter. */
    static List<String> contentFilters(JsonNode format, String parent) throws GripFormatException
    {
        JsonNode value = format.get("content-filters");
        if (value == null)
        {
            return List.of();
        }
        if (!value.isArray())
        {
            throw wrongType(parent, "content-filters");
        }
        List<String> filters = new ArrayList<>();
        for (JsonNode element : value)
        {
            if (!isString(element))
            {
                throw new GripFormatException("content-filters contains element with wrong type");
            }
            filters.add(text(element));
        }
        return filters;
    }

    /**
     * An object whose values must all be strings, in document order. Pushpin walks such objects
     * in sorted key order, so the error names the smallest offending key, as it does.
     */
    static Map<String, String> stringMap(JsonNode obj, UnaryOperator<String> wrongTypeMessage)
        throws GripFormatException
    {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> badKeys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : obj.properties())
        {
            if (isString(entry.getValue()))
            {
                out.put(entry.getKey(), text(entry.getValue()));
            }
            else
            {
                badKeys.add(entry.getKey());
            }
        }
        // String order is UTF-16 code unit order, the same as QString's
        Optional<String> firstBad = badKeys.stream().min(Comparator.naturalOrder());
        if (firstBad.isPresent())
        {
            throw new GripFormatException(wrongTypeMessage.apply(firstBad.get()));
        }
        return out;
    }

    private static byte[] binary(JsonNode node)
    {
        // a copy, so the parsed item cannot change with the tree it came from
        return ((BinaryNode) node).binaryValue().clone();
    }
}
