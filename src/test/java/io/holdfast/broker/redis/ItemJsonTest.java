// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.HeaderField;
import io.holdfast.format.item.Action;
import io.holdfast.format.item.HttpResponseFormat;
import io.holdfast.format.item.HttpStreamFormat;
import io.holdfast.format.item.PublishItem;
import io.holdfast.format.item.WsMessageFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ItemJson}: every field of an item survives the trip through Redis, bytes included. */
class ItemJsonTest
{
    private static final byte[] BINARY = {0, (byte)0xff, (byte)0xc3, 0x28, '\n', '"'};

    private static final PublishItem FULL = new PublishItem("chan\u00e9l", Optional.of("id-7"), Optional.of("id-6"),
        Map.of("user", "b\u00f6b", "k", ""), true,
        Optional.of(new HttpResponseFormat(Action.SEND, 404, Optional.of("Nope"),
            List.of(new HeaderField("B", "2"), new HeaderField("A", "1")), BINARY, Optional.empty(), List.of("skip-self"))),
        Optional.of(new HttpStreamFormat(Action.SEND, BINARY, List.of("build-id"))),
        Optional.of(new WsMessageFormat(Action.SEND, WsMessageFormat.Type.BINARY, BINARY, OptionalInt.empty(),
            Optional.empty(), List.of())));

    private static PublishItem roundTrip(PublishItem item) throws GripFormatException
    {
        return ItemJson.decode(ItemJson.encode(item));
    }

    @Test
    void channelIdsMetaAndNoSeqSurvive() throws GripFormatException
    {
        PublishItem back = roundTrip(FULL);
        assertEquals("chan\u00e9l", back.channel());
        assertEquals(Optional.of("id-7"), back.id());
        assertEquals(Optional.of("id-6"), back.prevId());
        assertEquals(Map.of("user", "b\u00f6b", "k", ""), back.meta());
        assertEquals(true, back.noSeq());
        PublishItem bare = roundTrip(new PublishItem("c", Optional.empty(), Optional.empty(), Map.of(), false,
            Optional.empty(), FULL.httpStream(), Optional.empty()));
        assertEquals(Optional.empty(), bare.id());
        assertEquals(Optional.empty(), bare.prevId());
        assertEquals(Map.of(), bare.meta());
        assertEquals(false, bare.noSeq());
    }

    @Test
    void httpResponseSurvivesWithBinaryBody() throws GripFormatException
    {
        HttpResponseFormat response = roundTrip(FULL).httpResponse().orElseThrow();
        assertEquals(404, response.code());
        assertEquals(Optional.of("Nope"), response.reason());
        assertEquals(List.of(new HeaderField("B", "2"), new HeaderField("A", "1")), response.headers());
        assertArrayEquals(BINARY, response.body());
        assertEquals(List.of("skip-self"), response.contentFilters());
    }

    @Test
    void httpStreamSurvivesWithBinaryContent() throws GripFormatException
    {
        HttpStreamFormat stream = roundTrip(FULL).httpStream().orElseThrow();
        assertEquals(Action.SEND, stream.action());
        assertArrayEquals(BINARY, stream.content());
        assertEquals(List.of("build-id"), stream.contentFilters());
    }

    @Test
    void wsMessageSurvivesWithBinaryContentAndClose() throws GripFormatException
    {
        WsMessageFormat ws = roundTrip(FULL).wsMessage().orElseThrow();
        assertEquals(WsMessageFormat.Type.BINARY, ws.type());
        assertArrayEquals(BINARY, ws.content());
        PublishItem close = new PublishItem("c", Optional.empty(), Optional.empty(), Map.of(), false, Optional.empty(),
            Optional.empty(), Optional.of(new WsMessageFormat(Action.CLOSE, WsMessageFormat.Type.TEXT, new byte[0],
                OptionalInt.of(4001), Optional.of("bye"), List.of())));
        WsMessageFormat closed = roundTrip(close).wsMessage().orElseThrow();
        assertEquals(Action.CLOSE, closed.action());
        assertEquals(OptionalInt.of(4001), closed.closeCode());
        assertEquals(Optional.of("bye"), closed.closeReason());
        assertEquals(Optional.empty(), roundTrip(close).httpResponse());
    }

    /** Byte for byte, but with one meta entry: the writer emits meta in the map's iteration order, which copies may change. */
    @Test
    void theJsonIsStableAcrossTrips() throws GripFormatException
    {
        PublishItem item = new PublishItem(FULL.channel(), FULL.id(), FULL.prevId(), Map.of("user", "b\u00f6b"), true,
            FULL.httpResponse(), FULL.httpStream(), FULL.wsMessage());
        assertEquals(ItemJson.encode(item), ItemJson.encode(roundTrip(item)));
    }
}
