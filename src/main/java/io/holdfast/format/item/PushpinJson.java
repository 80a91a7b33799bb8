// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

/**
 * Reads JSON documents the way Pushpin's Qt 5 parser ({@code QJsonDocument::fromJson}) accepts
 * them, so a body Pushpin calls "not valid JSON" is rejected here too and the other way round.
 * Thread-safe; used by the publish inputs.
 */
public final class PushpinJson
{
    /** Qt 5 rejects documents nested deeper than this many containers. */
    static final int MAX_NESTING_DEPTH = 1024;

    private static final char BOM = '\uFEFF';

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
        Optional<String> text = decodeUtf8(document);
        if (text.isEmpty())
        {
            return Optional.empty();
        }
        String json = text.get();
        // Qt skips one UTF-8 byte order mark, and only at the very start.
        if (!json.isEmpty() && json.charAt(0) == BOM)
        {
            json = json.substring(1);
        }
        // numbers are checked first: a tree would parse a huge integer in quadratic time
        if (hasBareNumber(json) && !numbersFitDouble(json))
        {
            return Optional.empty();
        }
        JsonNode root;
        try
        {
            root = MAPPER.readTree(json);
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

    // Qt rejects malformed UTF-8 anywhere, including encoded surrogates and code points beyond
    // U+10FFFF; Java's strict decoder rejects exactly those.
    private static Optional<String> decodeUtf8(byte[] document)
    {
        try
        {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(document))
                .toString());
        }
        catch (CharacterCodingException ignored)
        {
            return Optional.empty();
        }
    }

    // Qt stores every number that is not a 64-bit integer as a double and fails on infinity, or on
    // zero where the text was not zero (1e-400). Literals are judged as text, which stays linear
    // in their length where BigInteger and BigDecimal arithmetic would not.
    private static boolean numbersFitDouble(String json)
    {
        try (JsonParser parser = MAPPER.createParser(json))
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
    static boolean hasBareNumber(String json)
    {
        boolean inString = false;
        for (int i = 0; i < json.length(); i++)
        {
            char c = json.charAt(i);
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
