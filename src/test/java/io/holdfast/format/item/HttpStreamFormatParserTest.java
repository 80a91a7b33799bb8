// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;

import static io.holdfast.format.item.ItemJson.bytes;
import static io.holdfast.format.item.ItemJson.formatError;
import static io.holdfast.format.item.ItemJson.object;
import static io.holdfast.format.item.ItemJson.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HttpStreamFormatParserTest
{
    private static HttpStreamFormat stream(String format) throws Exception
    {
        return ItemJson.withFormat("http-stream", format).httpStream().orElseThrow();
    }

    private static String error(String format)
    {
        return formatError("http-stream", format);
    }

    @Test
    void contentIsSentAsUtf8() throws Exception
    {
        HttpStreamFormat f = stream("{'content':'caf\u00e9\\n'}");
        assertEquals(Action.SEND, f.action());
        assertArrayEquals(utf8("caf\u00e9\n"), f.content());
        assertEquals(List.of(), f.contentFilters());
    }

    @Test
    void emptyContentIsContent() throws Exception
    {
        assertArrayEquals(new byte[0], stream("{'content':''}").content());
    }

    @Test
    void explicitSendIsTheDefault() throws Exception
    {
        assertEquals(Action.SEND, stream("{'action':'send','content':'x'}").action());
    }

    @Test
    void contentBinIsBase64() throws Exception
    {
        assertArrayEquals(new byte[] {0, (byte) 0xff, 'h', 'i'}, stream("{'content-bin':'AP9oaQ=='}").content());
        assertArrayEquals(utf8("hi"), stream("{'content-bin':'aGk'}").content(), "padding is optional");
        assertArrayEquals(utf8("hi"), stream("{'content-bin':'aG\\r\\nk=\\n'}").content(), "line breaks are skipped");
        assertArrayEquals(new byte[0], stream("{'content-bin':''}").content());
    }

    @Test
    void contentBinWinsOverContent() throws Exception
    {
        // content is not even type-checked then, as in Pushpin
        assertArrayEquals(utf8("hi"), stream("{'content-bin':'aGk=','content':1}").content());
    }

    @Test
    void badBase64IsRejected()
    {
        for (String bad : List.of("!!!", "aGk=!!", "-_8=", "a", "aGk=aGk="))
        {
            assertEquals("'http-stream' contains 'content-bin' with invalid value",
                error("{'content-bin':'" + bad + "'}"), bad);
        }
    }

    @Test
    void contentFiltersKeepTheirOrder() throws Exception
    {
        assertEquals(List.of("var-subst", "build-id"),
            stream("{'content-filters':['var-subst','build-id'],'content':'x'}").contentFilters());
        assertEquals(List.of(), stream("{'content-filters':[],'content':'x'}").contentFilters());
    }

    @Test
    void closeAndHintCarryNothingAndCheckNothing() throws Exception
    {
        for (String action : List.of("close", "hint"))
        {
            HttpStreamFormat f = stream("{'action':'" + action + "','content':1,'content-filters':1}");
            assertEquals(Action.valueOf(action.toUpperCase(Locale.ROOT)), f.action());
            assertArrayEquals(new byte[0], f.content());
            assertEquals(List.of(), f.contentFilters());
        }
    }

    @Test
    void errorsUsePushpinsWording()
    {
        assertEquals("'http-stream' is not an object", error("'x'"));
        assertEquals("'http-stream' does not contain 'content' or 'content-bin'", error("{}"));
        assertEquals("'http-stream' contains 'content' with wrong type", error("{'content':null}"));
        assertEquals("'http-stream' contains 'content-bin' with wrong type", error("{'content-bin':1,'content':'x'}"));
        assertEquals("'http-stream' contains 'content-filters' with wrong type", error("{'content-filters':'a'}"));
        assertEquals("content-filters contains element with wrong type", error("{'content-filters':['a',1]}"));
        assertEquals("'http-stream' contains 'action' with wrong type", error("{'action':null}"));
    }

    @Test
    void unknownActionHasAnEmptyMessage()
    {
        for (String action : List.of("foo", "", "SEND", "refresh"))
        {
            assertEquals("", error("{'action':'" + action + "','content':'x'}"), action);
        }
    }

    @Test
    void byteStringContentIsTakenAsRawBytes() throws Exception
    {
        ObjectNode format = object().set("content", bytes((byte) 0xff, (byte) 0xfe));
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xfe},
            HttpStreamFormatParser.parse(format, ItemEncoding.TNETSTRING).content());
    }

    @Test
    void aTnetstringsContentBinIsIgnoredAsPushpinDoes() throws Exception
    {
        // Pushpin 1.36, T-prefixed item on PULL: "'http-stream' does not contain 'content'", skipped
        ObjectNode binOnly = object().set("content-bin", bytes("!!"));
        GripFormatException e = assertThrows(GripFormatException.class,
            () -> HttpStreamFormatParser.parse(binOnly, ItemEncoding.TNETSTRING));
        assertEquals("'http-stream' does not contain 'content'", e.getMessage());
        ObjectNode both = object().set("content-bin", bytes("!!"));
        both.set("content", bytes("t3"));
        assertArrayEquals(utf8("t3"), HttpStreamFormatParser.parse(both, ItemEncoding.TNETSTRING).content());
    }

    @Test
    void byteStringActionAndFiltersAreText() throws Exception
    {
        ObjectNode format = object();
        format.set("action", bytes("send"));
        format.set("content-filters", format.arrayNode().add(bytes("skip-self")));
        format.put("content", "x");
        HttpStreamFormat f = HttpStreamFormatParser.parse(format, ItemEncoding.TNETSTRING);
        assertEquals(Action.SEND, f.action());
        assertEquals(List.of("skip-self"), f.contentFilters());
    }

    @Test
    void contentDoesNotShareTheTreesArray() throws Exception
    {
        byte[] raw = {1, 2};
        ObjectNode format = object().set("content", bytes(raw));
        HttpStreamFormat f = HttpStreamFormatParser.parse(format, ItemEncoding.TNETSTRING);
        raw[0] = 9;
        assertArrayEquals(new byte[] {1, 2}, f.content());
    }
}
