// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.wsevents;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.holdfast.format.wsevents.WsEvent.Type;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WsEventTest
{
    private static byte[] utf8(String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void factoriesSetTypeAndContent()
    {
        assertEquals(new WsEvent(Type.OPEN, new byte[0]), WsEvent.open());
        assertEquals(new WsEvent(Type.TEXT, utf8("h\u00e9")), WsEvent.text("h\u00e9"));
        assertEquals(new WsEvent(Type.TEXT, utf8("hi")), WsEvent.text(utf8("hi")));
        assertEquals(new WsEvent(Type.BINARY, new byte[] {0, '\r', '\n'}), WsEvent.binary(new byte[] {0, '\r', '\n'}));
        assertEquals(new WsEvent(Type.PING, utf8("p")), WsEvent.ping(utf8("p")));
        assertEquals(new WsEvent(Type.PONG, new byte[0]), WsEvent.pong(new byte[0]));
        assertEquals(new WsEvent(Type.CLOSE, new byte[0]), WsEvent.closeWithoutCode());
        assertEquals(new WsEvent(Type.DISCONNECT, new byte[0]), WsEvent.disconnect());
    }

    @Test
    void closeIsTheCodeBigEndianThenTheReasonInUtf8()
    {
        WsEvent close = WsEvent.close(1000, "bye \u00e9");
        assertArrayEquals(new byte[] {0x03, (byte) 0xe8, 'b', 'y', 'e', ' ', (byte) 0xc3, (byte) 0xa9}, close.content());
        assertEquals(OptionalInt.of(1000), close.closeCode());
        assertEquals("bye \u00e9", close.closeReason());
    }

    @Test
    void closeCodeUsesAllSixteenBits()
    {
        assertEquals(OptionalInt.of(0xffff), WsEvent.close(0xffff, "").closeCode());
        assertEquals(OptionalInt.of(0), WsEvent.close(0, "").closeCode());
        assertArrayEquals(new byte[] {0x0f, (byte) 0xa0}, WsEvent.close(4000, "").content());
        assertThrows(IllegalArgumentException.class, () -> WsEvent.close(0x10000, ""));
        assertThrows(IllegalArgumentException.class, () -> WsEvent.close(-1, ""));
    }

    @Test
    void closeWithoutCodeHasNoCodeAndNoReason()
    {
        assertEquals(OptionalInt.empty(), WsEvent.closeWithoutCode().closeCode());
        assertEquals("", WsEvent.closeWithoutCode().closeReason());
    }

    @Test
    void malformedReasonBecomesReplacementCharacterAsInPushpin()
    {
        WsEvent close = new WsEvent(Type.CLOSE, new byte[] {0x03, (byte) 0xe8, (byte) 0xff});
        assertEquals("\ufffd", close.closeReason());
    }

    @Test
    void closeAccessorsRefuseOtherTypes()
    {
        assertThrows(IllegalStateException.class, () -> WsEvent.text("x").closeCode());
        assertThrows(IllegalStateException.class, () -> WsEvent.open().closeReason());
    }

    @Test
    void openAndDisconnectTakeNoContent()
    {
        assertThrows(IllegalArgumentException.class, () -> new WsEvent(Type.OPEN, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> new WsEvent(Type.DISCONNECT, new byte[1]));
    }

    @Test
    void closeContentIsNeverOneByte()
    {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> new WsEvent(Type.CLOSE, new byte[1]));
        assertEquals("CLOSE content is empty or a 2-byte code and a reason", e.getMessage());
    }

    @Test
    void nullsAreRefused()
    {
        assertThrows(NullPointerException.class, () -> new WsEvent(null, new byte[0]));
        assertThrows(NullPointerException.class, () -> new WsEvent(Type.TEXT, null));
    }

    @Test
    void factoriesCopyTheirArgumentAndContentHandsOutCopies()
    {
        byte[] data = utf8("abc");
        WsEvent event = WsEvent.binary(data);
        data[0] = 'X';
        event.content()[1] = 'Y';
        assertArrayEquals(utf8("abc"), event.content());
    }

    @Test
    void contentBufferIsAReadOnlyView()
    {
        ByteBuffer buffer = WsEvent.text("hi").contentBuffer();
        assertTrue(buffer.isReadOnly());
        assertEquals(2, buffer.remaining());
        assertEquals('h', buffer.get(0));
        assertThrows(ReadOnlyBufferException.class, () -> buffer.put(0, (byte) 'x'));
    }

    @Test
    void contentAsStringAndLength()
    {
        WsEvent text = WsEvent.text("h\u00e9\u20ac");
        assertEquals("h\u00e9\u20ac", text.contentAsString());
        assertEquals(6, text.contentLength());
        assertEquals(0, WsEvent.open().contentLength());
    }

    @Test
    void equalityIsByTypeAndContentBytes()
    {
        assertEquals(WsEvent.text("a"), WsEvent.text("a"));
        assertEquals(WsEvent.text("a").hashCode(), WsEvent.text("a").hashCode());
        assertNotEquals(WsEvent.text("a"), WsEvent.text("b"));
        assertNotEquals(WsEvent.text("a"), WsEvent.binary(utf8("a")));
        assertNotEquals(WsEvent.ping(new byte[0]), WsEvent.pong(new byte[0]));
        assertFalse(WsEvent.open().equals("OPEN"));
    }

    @Test
    void toStringShowsTypeAndShortContentInHex()
    {
        assertEquals("OPEN", WsEvent.open().toString());
        assertEquals("TEXT[2 bytes: 6869]", WsEvent.text("hi").toString());
        assertEquals("BINARY[40 bytes: " + "00".repeat(32) + "...]", WsEvent.binary(new byte[40]).toString());
    }
}
