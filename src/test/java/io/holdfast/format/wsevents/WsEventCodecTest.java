// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.wsevents;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.holdfast.format.wsevents.WsEvent.Type;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Encoding, decoding and round trips of well-formed bodies; the malformed ones are in WsEventDecodeErrorTest. */
class WsEventCodecTest
{
    private static byte[] latin1(String s)
    {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String wire(List<WsEvent> events)
    {
        return new String(WsEventCodec.encode(events), StandardCharsets.ISO_8859_1);
    }

    // one line per event type and content shape, in the bytes Pushpin 1.36 writes (see the corpus)
    static Stream<Arguments> wireForms()
    {
        return Stream.of(
            Arguments.of(WsEvent.open(), "OPEN\r\n"),
            Arguments.of(WsEvent.text("hello"), "TEXT 5\r\nhello\r\n"),
            Arguments.of(WsEvent.text(""), "TEXT\r\n"),
            Arguments.of(WsEvent.text("h\u00e9\u20ac"), "TEXT 6\r\nh\u00c3\u00a9\u00e2\u0082\u00ac\r\n"),
            Arguments.of(WsEvent.binary(latin1("a\r\nb\0\r\n")), "BINARY 7\r\na\r\nb\0\r\n\r\n"),
            Arguments.of(WsEvent.binary(new byte[0]), "BINARY\r\n"),
            Arguments.of(WsEvent.ping(latin1("pi")), "PING 2\r\npi\r\n"),
            Arguments.of(WsEvent.ping(new byte[0]), "PING\r\n"),
            Arguments.of(WsEvent.pong(latin1("po")), "PONG 2\r\npo\r\n"),
            Arguments.of(WsEvent.pong(new byte[0]), "PONG\r\n"),
            Arguments.of(WsEvent.close(1000, "bye"), "CLOSE 5\r\n\u0003\u00e8bye\r\n"),
            Arguments.of(WsEvent.close(4000, ""), "CLOSE 2\r\n\u000f\u00a0\r\n"),
            Arguments.of(WsEvent.closeWithoutCode(), "CLOSE\r\n"),
            Arguments.of(WsEvent.disconnect(), "DISCONNECT\r\n"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wireForms")
    void encodesEachEventAsPushpinDoes(WsEvent event, String expected)
    {
        assertEquals(expected, wire(List.of(event)));
        assertEquals(expected.length(), WsEventCodec.encodedSize(event));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wireForms")
    void decodesEachEvent(WsEvent expected, String wire) throws Exception
    {
        assertEquals(List.of(expected), WsEventCodec.decode(latin1(wire)));
    }

    @Test
    void lengthIsLowerCaseHex()
    {
        assertEquals("TEXT 1a\r\n" + "a".repeat(26) + "\r\n", wire(List.of(WsEvent.text("a".repeat(26)))));
        assertEquals("TEXT ff\r\n", wire(List.of(WsEvent.text("x".repeat(255)))).substring(0, 9));
        assertEquals("BINARY 4e20\r\n", wire(List.of(WsEvent.binary(new byte[20000]))).substring(0, 13));
        assertEquals("BINARY fffff\r\n", wire(List.of(WsEvent.binary(new byte[0xfffff]))).substring(0, 14));
    }

    @Test
    void batchIsTheEventsBackToBack() throws Exception
    {
        List<WsEvent> batch = List.of(WsEvent.text("a"), WsEvent.binary(latin1("b")), WsEvent.ping(new byte[0]),
            WsEvent.text("c"));
        String expected = "TEXT 1\r\na\r\nBINARY 1\r\nb\r\nPING\r\nTEXT 1\r\nc\r\n";
        assertEquals(expected, wire(batch));
        assertEquals(batch, WsEventCodec.decode(latin1(expected)));
        assertEquals(expected.length(), batch.stream().mapToLong(WsEventCodec::encodedSize).sum());
    }

    @Test
    void emptyListIsAnEmptyBodyAndBack() throws Exception
    {
        assertArrayEquals(new byte[0], WsEventCodec.encode(List.of()));
        assertEquals(List.of(), WsEventCodec.decode(new byte[0]));
    }

    @Test
    void readsAnExplicitZeroLengthAsEmptyContent() throws Exception
    {
        assertEquals(List.of(WsEvent.text(""), WsEvent.closeWithoutCode(), WsEvent.open(), WsEvent.ping(new byte[0])),
            WsEventCodec.decode(latin1("TEXT 0\r\n\r\nCLOSE 0\r\n\r\nOPEN 0\r\n\r\nPING 00\r\n\r\n")));
    }

    @Test
    void readsHexInEitherCaseAndWithLeadingZeros() throws Exception
    {
        List<WsEvent> ten = List.of(WsEvent.text("0123456789"));
        assertEquals(ten, WsEventCodec.decode(latin1("TEXT A\r\n0123456789\r\n")));
        assertEquals(ten, WsEventCodec.decode(latin1("TEXT a\r\n0123456789\r\n")));
        assertEquals(ten, WsEventCodec.decode(latin1("TEXT 000000000000000000000a\r\n0123456789\r\n")));
    }

    @Test
    void contentMayHoldAnythingIncludingWhatLooksLikeEvents() throws Exception
    {
        byte[] tricky = latin1("\r\n\0TEXT 5\r\nCLOSE\r\n\n\r\u00ff");
        List<WsEvent> events = List.of(WsEvent.binary(tricky), WsEvent.text(tricky), WsEvent.ping(tricky),
            WsEvent.pong(tricky), new WsEvent(Type.CLOSE, tricky));
        assertEquals(events, WsEventCodec.decode(WsEventCodec.encode(events)));
    }

    @Test
    void everyByteValueSurvivesARoundTrip() throws Exception
    {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++)
        {
            all[i] = (byte) i;
        }
        List<WsEvent> events = List.of(WsEvent.open(), WsEvent.binary(all), WsEvent.text(all), WsEvent.disconnect());
        assertEquals(events, WsEventCodec.decode(WsEventCodec.encode(events)));
    }

    @Test
    void everyEventTypeRoundTripsInOneBody() throws Exception
    {
        List<WsEvent> events = new ArrayList<>();
        wireForms().forEach(args -> events.add((WsEvent) args.get()[0]));
        assertEquals(events, WsEventCodec.decode(WsEventCodec.encode(events)));
    }

    @Test
    void largestBodyDecodes() throws Exception
    {
        // "BINARY f4225\r\n" + content + "\r\n" is exactly MAX_BODY bytes
        byte[] content = new byte[WsEventCodec.MAX_BODY - 16];
        Arrays.fill(content, (byte) '\n');
        byte[] body = WsEventCodec.encode(List.of(WsEvent.binary(content)));
        assertEquals(WsEventCodec.MAX_BODY, body.length);
        assertEquals(List.of(WsEvent.binary(content)), WsEventCodec.decode(body));
    }

    @Test
    void batchOfAboutTwoHundredKilobytesRoundTrips() throws Exception
    {
        List<WsEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            byte[] content = new byte[1000 + i];
            Arrays.fill(content, (byte) i);
            events.add(i % 2 == 0 ? WsEvent.binary(content) : WsEvent.text(content));
        }
        byte[] body = WsEventCodec.encode(events);
        assertEquals(events.stream().mapToLong(WsEventCodec::encodedSize).sum(), body.length);
        assertEquals(events, WsEventCodec.decode(body));
    }

    @Test
    void decodedContentIsACopyOfTheBody() throws Exception
    {
        byte[] body = latin1("TEXT 2\r\nhi\r\n");
        WsEvent event = WsEventCodec.decode(body).get(0);
        body[8] = 'X';
        assertEquals("hi", event.contentAsString());
    }
}
