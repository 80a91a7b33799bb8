// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.holdfast.format.item.ItemJson.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PushpinJsonTest
{
    private static boolean valid(String json)
    {
        return PushpinJson.parse(utf8(json)).isPresent();
    }

    private static JsonNode x(String value)
    {
        return PushpinJson.parse(utf8("{\"x\":" + value + "}")).orElseThrow().get("x");
    }

    private static String nested(int depth)
    {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void onlyObjectsAndArraysAreDocuments()
    {
        assertTrue(valid("{}"));
        assertTrue(valid("[]"));
        for (String scalar : List.of("1", "\"s\"", "null", "true", "", " "))
        {
            assertFalse(valid(scalar), scalar);
        }
    }

    @Test
    void oneLeadingByteOrderMarkIsSkipped()
    {
        assertTrue(valid("\uFEFF{}"));
        assertTrue(valid("\uFEFF \n{}"));
        assertFalse(valid(" \uFEFF{}"));
        assertFalse(valid("\uFEFF\uFEFF{}"));
    }

    @Test
    void nestingStopsAtQtsLimit()
    {
        assertTrue(valid(nested(PushpinJson.MAX_NESTING_DEPTH)));
        assertFalse(valid(nested(PushpinJson.MAX_NESTING_DEPTH + 1)));
    }

    @Test
    void lastDuplicateKeyWins()
    {
        assertEquals(2, x("1,\"x\":2").intValue());
    }

    @Test
    void qtsLenientNumbersAreRead()
    {
        assertEquals(0.5, x(".5").doubleValue());
        assertEquals(-0.5, x("-.5").doubleValue());
        assertEquals(1.0, x("1.").doubleValue());
        assertEquals(1e5, x("1.e5").doubleValue());
        assertEquals(Double.MIN_VALUE, x("4.9e-324").doubleValue());
        assertEquals(0.0, x("0e-400").doubleValue());
    }

    @Test
    void numbersADoubleCannotHoldAreInvalid()
    {
        for (String number : List.of("1e400", "-1e400", "1.7976931348623159e308", "1e-400", "2e-324",
            "1" + "0".repeat(400)))
        {
            assertFalse(valid("{\"x\":" + number + "}"), number);
        }
        assertTrue(valid("{\"x\":1" + "0".repeat(300) + "}"));
        assertTrue(valid("{\"x\":1." + "0".repeat(1500) + "}"));
        // Behind a string holding digits and an escaped quote, the number is still judged.
        assertFalse(valid("{\"s\":\"1 \\\" 2\",\"x\":1e400}"));
    }

    @Test
    void onlyNumbersOutsideStringsCountAsNumbers()
    {
        assertTrue(bareNumber("{\"x\":1}"));
        assertTrue(bareNumber("[-.5]"));
        assertTrue(bareNumber("{\"s\":\"a\\\"\",\"x\":0}"));
        assertFalse(bareNumber("{\"s\":\"0123 -. \\\" 9\"}"));
        assertFalse(bareNumber("{\"x\":[true,null,\"1\"]}"));
        assertFalse(bareNumber("{\"s\":\"\\\\\"}"));
        // Multi-byte characters in a string are skipped as bytes.
        assertFalse(bareNumber("{\"s\":\"\u20ac1\u00e9\"}"));
    }

    private static boolean bareNumber(String json)
    {
        return PushpinJson.hasBareNumber(json.getBytes(StandardCharsets.UTF_8), 0);
    }

    @Test
    void strictJsonSyntaxOtherwise()
    {
        for (String bad : List.of("{\"x\":NaN}", "{\"x\":Infinity}", "{\"x\":01}", "{\"x\":+1}", "{\"x\":.}",
            "{\"x\":-.}", "{\"x\":[1,]}", "{\"x\":1,}", "/*c*/{}", "// c\n{}", "{'x':1}", "{x:1}",
            "{} x", "{}{}", "{}\f", "\u00a0{}", "{\"x\":\"\\u00\"}", "{\"x\":TRUE}"))
        {
            assertFalse(valid(bad), bad);
        }
    }

    @Test
    void controlCharactersAndAnyEscapeAreAcceptedInStrings()
    {
        assertEquals("a\tb\u0001c", x("\"a\tb\u0001c\"").textValue());
        assertEquals("q'", x("\"\\q\\'\"").textValue());
        assertEquals("\u0000", x("\"\\u0000\"").textValue());
    }

    @Test
    void malformedUtf8IsInvalid()
    {
        List<byte[]> bad = List.of(
            new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'},
            new byte[] {'[', '"', (byte) 0xc0, (byte) 0xaf, '"', ']'},
            new byte[] {'[', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ']'},
            new byte[] {'[', '"', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"', ']'},
            new byte[] {'[', '"', (byte) 0xe2, (byte) 0x82, '"', ']'});
        for (byte[] document : bad)
        {
            assertFalse(PushpinJson.parse(document).isPresent());
        }
        // Long, and truncated at the very end.
        String longText = "[\"" + "\u20ac".repeat(5000) + "\"]";
        assertTrue(PushpinJson.parse(longText.getBytes(StandardCharsets.UTF_8)).isPresent());
        byte[] cut = ("[\"" + "a".repeat(9000) + "\"]").getBytes(StandardCharsets.UTF_8);
        cut[cut.length - 3] = (byte) 0xe2;
        assertFalse(PushpinJson.parse(cut).isPresent());
        assertEquals("\u20ac\uD83D\uDE00", x("\"\u20ac\uD83D\uDE00\"").textValue());
    }

    @Test
    void hugeNumbersDoNotTakeQuadraticTime()
    {
        // a megabyte-long literal once took minutes through BigDecimal; the control API allows 1 MB
        String digits = "0".repeat(1_000_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
        {
            assertTrue(valid("{\"x\":1." + digits + "}"));
            assertFalse(valid("{\"x\":1" + digits + "}"));
            assertFalse(valid("{\"x\":0." + digits + "1}"));
        });
    }
}
