// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.holdfast.format.HeaderField;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeaderValuesTest
{
    private static HeaderParam p(String name, String value)
    {
        return new HeaderParam(name, Optional.ofNullable(value));
    }

    private static List<HeaderField> headers(String... nameValues)
    {
        List<HeaderField> out = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2)
        {
            out.add(new HeaderField(nameValues[i], nameValues[i + 1]));
        }
        return out;
    }

    private static HeaderItem item(String part)
    {
        return HeaderValues.parseItem(part).orElseThrow();
    }

    @Test
    void splitsAtCommasAndTrims()
    {
        assertEquals(List.of("a", "b; prev-id=3; filter=x", "c"), HeaderValues.split("a, b; prev-id=3; filter=x, c"));
        assertEquals(List.of("a"), HeaderValues.split("  a  "));
    }

    @Test
    void splitKeepsInnerEmptyPartsButNoTrailingOne()
    {
        assertEquals(List.of(), HeaderValues.split(""));
        assertEquals(List.of(""), HeaderValues.split(","));
        assertEquals(List.of("a"), HeaderValues.split("a,"));
        assertEquals(List.of("", "a"), HeaderValues.split(",a"));
        assertEquals(List.of("a", "", "b"), HeaderValues.split("a, ,b"));
    }

    @Test
    void splitHonoursQuotesAndEscapes()
    {
        assertEquals(List.of("a; filter=\"x,y\"", "b"), HeaderValues.split("a; filter=\"x,y\", b"));
        assertEquals(List.of("a; k=\"q\\\",r\"", "b"), HeaderValues.split("a; k=\"q\\\",r\", b"));
    }

    @Test
    void unterminatedQuoteSwallowsTheRest()
    {
        assertEquals(List.of("a", "b; k=\"x, c"), HeaderValues.split("a, b; k=\"x, c"));
        assertEquals(List.of("b; k=\"x\\"), HeaderValues.split("b; k=\"x\\"));
    }

    @Test
    void parsesItemValueAndOrderedParams()
    {
        HeaderItem i = item("b; prev-id=3; filter=x; filter=y");
        assertEquals("b", i.value());
        assertEquals(List.of(p("prev-id", "3"), p("filter", "x"), p("filter", "y")), i.params());
        assertEquals(Optional.of("3"), i.param("PREV-ID"));
        assertTrue(i.has("Filter"));
        assertFalse(i.has("rel"));
    }

    @Test
    void itemWithoutParams()
    {
        assertEquals(new HeaderItem("a", List.of()), item(" a "));
        assertEquals(new HeaderItem("", List.of()), item(""));
        assertEquals(new HeaderItem("", List.of(p("prev-id", "3"))), item("; prev-id=3"));
    }

    @Test
    void valuelessAndEmptyParams()
    {
        HeaderItem i = item("a; flag; empty=; quoted=\"\"");
        assertEquals(List.of(p("flag", null), p("empty", ""), p("quoted", null)), i.params());
        assertTrue(i.has("flag"));
        assertEquals(Optional.empty(), i.param("flag"));
        // Pushpin: prev-id= sets an empty prev-id, prev-id="" sets none.
        assertEquals(Optional.of(""), i.param("empty"));
        assertEquals(Optional.empty(), i.param("quoted"));
    }

    @Test
    void quotedParamValues()
    {
        HeaderItem i = item("a; k=\"x; y, z\"; e=\"say \\\"hi\\\"\"; n=1");
        assertEquals(List.of(p("k", "x; y, z"), p("e", "say \"hi\""), p("n", "1")), i.params());
    }

    @Test
    void junkAfterClosingQuoteIsIgnored()
    {
        assertEquals(List.of(p("k", "v"), p("n", "1")), item("a; k=\"v\" junk; n=1").params());
    }

    @Test
    void unquotedValuesAreTrimmedAndKeepQuotesAfterSpace()
    {
        assertEquals(List.of(p("k", "v w"), p("q", "\"x\"")), item("a;  k =  v w ; q= \"x\"").params());
    }

    @Test
    void leadingValueIgnoresQuotes()
    {
        // Pushpin cuts the leading value at the first ';' even inside quotes: Grip-Keep-Alive
        // "q;x"; format=raw sends the two bytes "q.
        HeaderItem i = item("\"q;x\"; format=\"raw\"");
        assertEquals("\"q", i.value());
        assertEquals(List.of(p("x\"", null), p("format", "raw")), i.params());
    }

    @Test
    void brokenQuotedParamFailsTheItem()
    {
        assertEquals(Optional.empty(), HeaderValues.parseItem("a; k=\"x"));
        assertEquals(Optional.empty(), HeaderValues.parseItem("a; k=\"x\\"));
        assertEquals(Optional.empty(), HeaderValues.parseParams("k=\"x"));
    }

    @Test
    void parsesParamOnlyItems()
    {
        assertEquals(Optional.of(List.of(p("user", "alice"), p("x", "y"))),
            HeaderValues.parseParams("user=alice; x=y"));
        assertEquals(Optional.of(List.of(p("user", null))), HeaderValues.parseParams("user"));
        assertEquals(Optional.of(List.of(p("", "x"))), HeaderValues.parseParams("=x"));
        assertEquals(Optional.of(List.of(p("", null))), HeaderValues.parseParams(";"));
        assertEquals(Optional.of(List.of()), HeaderValues.parseParams(""));
        assertEquals(Optional.of(List.of(p("u", "a,b"))), HeaderValues.parseParams("u=\"a,b\""));
    }

    @Test
    void itemsCollectsAllHeadersAndDropsBrokenItems()
    {
        List<HeaderItem> items = HeaderValues.items(
            headers("grip-channel", "a", "X", "y", "Grip-Channel", "b; k=\"x, c; prev-id=1", "GRIP-CHANNEL", "d, e"),
            "Grip-Channel");
        assertEquals(List.of("a", "d", "e"), items.stream().map(HeaderItem::value).toList());
    }

    @Test
    void firstContainsAndSplitAll()
    {
        var h = headers("A", "1", "b", "2, 3", "B", "4");
        assertEquals(Optional.of("2, 3"), HeaderValues.first(h, "B"));
        assertEquals(Optional.empty(), HeaderValues.first(h, "C"));
        assertTrue(HeaderValues.contains(h, "a"));
        assertFalse(HeaderValues.contains(h, "c"));
        assertEquals(List.of("2", "3", "4"), HeaderValues.splitAll(h, "b"));
    }

    @Test
    void parsesIntsAsQtDoes()
    {
        assertEquals(OptionalInt.of(7), HeaderValues.parseInt("7"));
        assertEquals(OptionalInt.of(7), HeaderValues.parseInt("+7"));
        assertEquals(OptionalInt.of(-7), HeaderValues.parseInt("-7"));
        assertEquals(OptionalInt.of(7), HeaderValues.parseInt(" 007 "));
        assertEquals(OptionalInt.of(Integer.MAX_VALUE), HeaderValues.parseInt("2147483647"));
        assertEquals(OptionalInt.of(Integer.MIN_VALUE), HeaderValues.parseInt("-2147483648"));
        for (String bad : new String[] {"", " ", "+", "5.5", "5x", "x5", "0x10", "2147483648", "99999999999", "\u0663"})
        {
            assertEquals(OptionalInt.empty(), HeaderValues.parseInt(bad), bad);
        }
    }

    @Test
    void trimsAsciiWhitespaceOnly()
    {
        assertEquals("a b", HeaderValues.trim("\t a b \r\n"));
        assertEquals("\u00a0a", HeaderValues.trim("\u00a0a"));
    }
}
