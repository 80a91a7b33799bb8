// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import io.holdfast.format.item.WsMessageFormat.Type;

import static io.holdfast.format.item.ItemJson.bytes;
import static io.holdfast.format.item.ItemJson.formatError;
import static io.holdfast.format.item.ItemJson.object;
import static io.holdfast.format.item.ItemJson.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WsMessageFormatParserTest
{
    private static WsMessageFormat ws(String format) throws Exception
    {
        return ItemJson.withFormat("ws-message", format).wsMessage().orElseThrow();
    }

    private static String error(String format)
    {
        return formatError("ws-message", format);
    }

    @Test
    void contentIsAText() throws Exception
    {
        WsMessageFormat f = ws("{'content':'hi \u00e9'}");
        assertEquals(Action.SEND, f.action());
        assertEquals(Type.TEXT, f.type());
        assertArrayEquals(utf8("hi \u00e9"), f.content());
        assertEquals(OptionalInt.empty(), f.closeCode());
        assertEquals(Optional.empty(), f.closeReason());
        assertEquals(List.of(), f.contentFilters());
    }

    @Test
    void contentBinIsABinaryMessage() throws Exception
    {
        WsMessageFormat f = ws("{'content-bin':'AP8='}");
        assertEquals(Type.BINARY, f.type());
        assertArrayEquals(new byte[] {0, (byte) 0xff}, f.content());
    }

    @Test
    void contentBinWinsOverContent() throws Exception
    {
        WsMessageFormat f = ws("{'content-bin':'aGk=','content':1}");
        assertEquals(Type.BINARY, f.type());
        assertArrayEquals(utf8("hi"), f.content());
    }

    @Test
    void explicitTypeOverridesTheDefault() throws Exception
    {
        assertEquals(Type.BINARY, ws("{'type':'binary','content':'x'}").type());
        assertEquals(Type.TEXT, ws("{'type':'text','content-bin':'aGk='}").type());
        assertEquals(Type.PING, ws("{'type':'ping','content':'x'}").type());
        assertEquals(Type.PONG, ws("{'type':'pong','content-bin':'aGk='}").type());
    }

    @Test
    void pingAndPongMayBeEmpty() throws Exception
    {
        for (Type type : List.of(Type.PING, Type.PONG))
        {
            WsMessageFormat f = ws("{'type':'" + type.name().toLowerCase(Locale.ROOT) + "'}");
            assertEquals(type, f.type());
            assertArrayEquals(new byte[0], f.content());
        }
    }

    @Test
    void textAndBinaryNeedContent()
    {
        String missing = "'ws-message' does not contain 'content' or 'content-bin'";
        assertEquals(missing, error("{}"));
        assertEquals(missing, error("{'type':'text'}"));
        assertEquals(missing, error("{'type':'binary'}"));
    }

    @Test
    void contentFiltersKeepTheirOrder() throws Exception
    {
        assertEquals(List.of("b", "a"), ws("{'content-filters':['b','a'],'content':'x'}").contentFilters());
    }

    @Test
    void sendIgnoresCloseFields() throws Exception
    {
        WsMessageFormat f = ws("{'content':'x','code':'abc','reason':1}");
        assertEquals(OptionalInt.empty(), f.closeCode());
        assertEquals(Optional.empty(), f.closeReason());
    }

    @Test
    void closeTakesCodeAndReason() throws Exception
    {
        WsMessageFormat f = ws("{'action':'close','code':4001,'reason':'bye'}");
        assertEquals(Action.CLOSE, f.action());
        assertEquals(OptionalInt.of(4001), f.closeCode());
        assertEquals(Optional.of("bye"), f.closeReason());
        assertArrayEquals(new byte[0], f.content());
    }

    @Test
    void closeCodeAndReasonAreOptional() throws Exception
    {
        WsMessageFormat f = ws("{'action':'close'}");
        assertEquals(OptionalInt.empty(), f.closeCode());
        assertEquals(Optional.empty(), f.closeReason());
        assertEquals(Optional.empty(), ws("{'action':'close','reason':''}").closeReason());
    }

    @Test
    void closeCodeIsAnyNonNegativeInt() throws Exception
    {
        // Pushpin sets no upper bound; what fits a close frame is the WebSocket layer's concern
        assertEquals(OptionalInt.of(0), ws("{'action':'close','code':0}").closeCode());
        assertEquals(OptionalInt.of(70000), ws("{'action':'close','code':70000}").closeCode());
        assertEquals(OptionalInt.of(4001), ws("{'action':'close','code':'4001'}").closeCode());
        assertEquals(OptionalInt.of(4002), ws("{'action':'close','code':4001.5}").closeCode());
        assertEquals("'ws-message' contains 'code' with invalid value", error("{'action':'close','code':-1}"));
        assertEquals("'ws-message' contains 'code' with invalid value", error("{'action':'close','code':'abc'}"));
        assertEquals("'ws-message' contains 'code' with wrong type", error("{'action':'close','code':true}"));
        assertEquals("'ws-message' contains 'code' with wrong type", error("{'action':'close','code':null}"));
        assertEquals("'ws-message' contains 'reason' with wrong type", error("{'action':'close','reason':1}"));
    }

    @Test
    void closeIgnoresMessageFields() throws Exception
    {
        assertEquals(Action.CLOSE, ws("{'action':'close','content':1,'type':'foo','content-filters':1}").action());
    }

    @Test
    void hintCarriesNothingAndChecksNothing() throws Exception
    {
        WsMessageFormat f = ws("{'action':'hint','content':1,'code':-1}");
        assertEquals(Action.HINT, f.action());
        assertEquals(Type.TEXT, f.type());
        assertArrayEquals(new byte[0], f.content());
        assertEquals(OptionalInt.empty(), f.closeCode());
    }

    @Test
    void errorsUsePushpinsWording()
    {
        assertEquals("'ws-message' is not an object", error("1"));
        assertEquals("'ws-message' contains 'type' with unknown value", error("{'type':'TEXT','content':'x'}"));
        assertEquals("'ws-message' contains 'type' with wrong type", error("{'type':1,'content':'x'}"));
        assertEquals("'ws-message' contains 'content' with wrong type", error("{'content':[]}"));
        assertEquals("'ws-message' contains 'content-bin' with wrong type", error("{'content-bin':null}"));
        assertEquals("'ws-message' contains 'content-bin' with invalid value", error("{'content-bin':'a!'}"));
        assertEquals("content-filters contains element with wrong type", error("{'content-filters':[null]}"));
        assertEquals("", error("{'action':'refresh'}"));
    }

    @Test
    void typeIsCheckedBeforeFiltersAndContent()
    {
        assertEquals("'ws-message' contains 'type' with unknown value", error("{'type':'foo','content-filters':1}"));
        assertEquals("'ws-message' contains 'content-filters' with wrong type", error("{'content-filters':1}"));
    }

    @Test
    void byteStringsFromTnetstrings() throws Exception
    {
        ObjectNode format = object();
        format.set("type", bytes("ping"));
        format.set("content-bin", bytes((byte) 1, (byte) 2));
        WsMessageFormat f = WsMessageFormatParser.parse(format);
        assertEquals(Type.PING, f.type());
        assertArrayEquals(new byte[] {1, 2}, f.content());

        ObjectNode text = object().set("content", bytes((byte) 0xc3));
        assertEquals(Type.TEXT, WsMessageFormatParser.parse(text).type());
        assertArrayEquals(new byte[] {(byte) 0xc3}, WsMessageFormatParser.parse(text).content());

        ObjectNode close = object();
        close.set("action", bytes("close"));
        close.set("code", bytes("1000"));
        close.set("reason", bytes("done"));
        WsMessageFormat closed = WsMessageFormatParser.parse(close);
        assertEquals(OptionalInt.of(1000), closed.closeCode());
        assertEquals(Optional.of("done"), closed.closeReason());
    }
}
