// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.holdfast.format.browser.QtUtf8;

/**
 * Reads JSON documents the way Pushpin's Qt 5 parser ({@code QJsonDocument::fromJson}) accepts
 * them, so a body Pushpin calls "not valid JSON" is rejected here too and the other way round.
 * Thread-safe; used by the publish inputs.
 */
public final class PushpinJson
{
    /** Qt 5 rejects documents nested deeper than this many containers. */
    static final int MAX_NESTING_DEPTH = 1024;

    private static final byte[] BOM = {(byte)0xEF, (byte)0xBB, (byte)0xBF};

    // Qt tolerates raw control characters in strings, any backslash escape and numbers such as
    // ".5" or "1."; it rejects comments, NaN, leading zeros, '+' and trailing commas, which are
    // Jackson's defaults. The transport caps bodies at 1 MB, so Jackson's own name and length
    // limits are lifted.
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNameLength(Integer.MAX_VALUE)
                .maxStringLength(Integer.MAX_VALUE)
                .maxNumberLength(Integer.MAX_VALUE)
                .build())
            .build())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    private PushpinJson()
    {
    }

    /**
     * Parses a whole document. Empty when Qt would report a parse error; note that Qt 5 only
     * accepts an object or an array at the top level. Duplicate keys keep the last value.
     */
    public static Optional<JsonNode> parse(byte[] document)
    {
        // Qt rejects malformed UTF-8 anywhere, including encoded surrogates and code points beyond U+10FFFF.
        if (!QtUtf8.isWellFormed(document))
        {
            return Optional.empty();
        }
        // Qt skips one UTF-8 byte order mark, and only at the very start.
        int start = bomAt(document, 0) ? BOM.length : 0;
        // Jackson would skip a second one, which Qt takes for a stray character.
        if (bomAt(document, start))
        {
            return Optional.empty();
        }
        int length = document.length - start;
        // numbers are checked first: a tree would parse a huge integer in quadratic time
        if (hasBareNumber(document, start) && !numbersFitDouble(document, start, length))
        {
            return Optional.empty();
        }
        JsonNode root;
        try
        {
            // Parsed from the bytes: a publish body is read once, not decoded to a String first.
            root = MAPPER.readTree(document, start, length);
        }
        catch (IOException ignored)
        {
            return Optional.empty();
        }
        if (root == null || !root.isContainerNode())
        {
            return Optional.empty();
        }
        return Optional.of(root);
    }

    private static boolean bomAt(byte[] document, int at)
    {
        return document.length >= at + BOM.length && document[at] == BOM[0] && document[at + 1] == BOM[1]
            && document[at + 2] == BOM[2];
    }

    // Qt stores every number that is not a 64-bit integer as a double and fails on infinity, or on
    // zero where the text was not zero (1e-400). Literals are judged as text, which stays linear
    // in their length where BigInteger and BigDecimal arithmetic would not.
    private static boolean numbersFitDouble(byte[] json, int start, int length)
    {
        try (JsonParser parser = MAPPER.createParser(json, start, length))
        {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken())
            {
                if (token.isNumeric() && !fitsDouble(parser.getText()))
                {
                    return false;
                }
            }
            return true;
        }
        catch (IOException ignored)
        {
            return false;
        }
    }

    // Whether a digit, '-' or '.' appears outside every string: the only place a number can start.
    // Most publish bodies have none, and this scan costs a fraction of the tokenizing pass.
    // Bytes, not characters: no byte of a multi-byte UTF-8 sequence is ASCII.
    static boolean hasBareNumber(byte[] json, int start)
    {
        boolean inString = false;
        for (int i = start; i < json.length; i++)
        {
            byte c = json[i];
            if (inString)
            {
                if (c == '\\')
                    i++;
                else if (c == '"')
                    inString = false;
            }
            else if (c == '"')
                inString = true;
            else if ((c >= '0' && c <= '9') || c == '-' || c == '.')
                return true;
        }
        return false;
    }

    private static boolean fitsDouble(String literal)
    {
        double value;
        try
        {
            value = Double.parseDouble(literal);
        }
        catch (NumberFormatException ignored)
        {
            // Jackson lets a lone "." through as a number when leading decimal points are on
            return false;
        }
        if (Double.isInfinite(value))
        {
            return false;
        }
        if (value != 0)
        {
            return true;
        }
        int exponent = literal.indexOf('e') >= 0 ? literal.indexOf('e') : literal.indexOf('E');
        String mantissa = exponent >= 0 ? literal.substring(0, exponent) : literal;
        return mantissa.chars().noneMatch(c -> c >= '1' && c <= '9');
    }
}
