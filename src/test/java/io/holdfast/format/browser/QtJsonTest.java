// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@link QtJson}: Qt's escaping, compact objects in the given order, and wire text read as UTF-8. */
class QtJsonTest
{
    private static String escaped(String text)
    {
        return QtJson.escapeInto(new StringBuilder(), text).toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "0022|\\\"",
        "005c|\\\\",
        "0008|\\b",
        "000c|\\f",
        "000a|\\n",
        "000d|\\r",
        "0009|\\t",
        "0000|\\u0000",
        "0001|\\u0001",
        "000b|\\u000b",
        "001b|\\u001b",
        "001f|\\u001f"})
    void escapedCharacters(String hex, String expected)
    {
        assertEquals(expected, escaped(String.valueOf((char) Integer.parseInt(hex, 16))));
    }

    @ParameterizedTest
    @CsvSource({"0020", "007f", "002f", "0027", "003c", "0080", "00e9", "2028", "2029", "feff", "fffd"})
    void otherCharactersAreWrittenRaw(String hex)
    {
        String c = String.valueOf((char) Integer.parseInt(hex, 16));
        assertEquals(c, escaped(c));
    }

    @Test
    void mixedTextKeepsEverythingButTheEscapes()
    {
        assertEquals("h\u00e9\u2028 \\\"q\\\" \\\\ / \\u0001\u007f\\t\\r\\n\ud83d\ude00",
            escaped("h\u00e9\u2028 \"q\" \\ / \u0001\u007f\t\r\n\ud83d\ude00"));
    }

    @Test
    void escapeIntoAppendsToWhatIsThere()
    {
        StringBuilder out = new StringBuilder("ab");
        assertSame(out, QtJson.escapeInto(out, "\"c"));
        assertEquals("ab\\\"c", out.toString());
    }

    @Test
    void stringIsQuoted()
    {
        assertEquals("x\"\"", QtJson.string(new StringBuilder("x"), "").toString());
        assertEquals("\"a\\\\b\\n\"", QtJson.string(new StringBuilder(), "a\\b\n").toString());
    }

    @Test
    void objectIsCompactInIterationOrder()
    {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("k2", "v2");
        map.put("k", "v");
        map.put("q\"", "a\tb");
        assertEquals("{\"k2\":\"v2\",\"k\":\"v\",\"q\\\"\":\"a\\tb\"}", QtJson.object(new StringBuilder(), map).toString());
    }

    @Test
    void sortedObjectAndEmptyObject()
    {
        Map<String, String> map = new TreeMap<>(Map.of("b", "2", "a", "1", "B", "3"));
        assertEquals("{\"B\":\"3\",\"a\":\"1\",\"b\":\"2\"}", QtJson.object(new StringBuilder(), map).toString());
        assertEquals("x{}", QtJson.object(new StringBuilder("x"), Map.of()).toString());
    }

    @Test
    void fromWireReadsLatin1CharsAsUtf8Bytes()
    {
        assertEquals("Fine \u00e9", QtJson.fromWire("Fine \u00c3\u00a9"));
        assertEquals("\u20ac", QtJson.fromWire("\u00e2\u0082\u00ac"));
        assertEquals("\ud83d\ude00", QtJson.fromWire("\u00f0\u009f\u0098\u0080"));
        assertEquals("plain ASCII", QtJson.fromWire("plain ASCII"));
        assertEquals("", QtJson.fromWire(""));
        assertEquals("\ufffd\ufffd", QtJson.fromWire("\u00ff\u00fe"));
    }

    @Test
    void fromWireLeavesTextWithWideCharsAlone()
    {
        assertEquals("\u00c3\u00a9\u0100", QtJson.fromWire("\u00c3\u00a9\u0100"));
        assertEquals("caf\u00c3\u00a9 \u2028", QtJson.fromWire("caf\u00c3\u00a9 \u2028"));
    }

    @Test
    void utf8EncodesTheText()
    {
        assertArrayEquals("a\u00e9\ud83d\ude00".getBytes(StandardCharsets.UTF_8), QtJson.utf8(new StringBuilder("a\u00e9\ud83d\ude00")));
    }
}
