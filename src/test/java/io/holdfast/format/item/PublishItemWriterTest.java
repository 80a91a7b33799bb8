// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.HeaderField;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link PublishItemWriter}: what it writes parses back into the same item, bytes and defaults included. */
class PublishItemWriterTest
{
    @Test
    void everyFieldSurvivesTheRoundTrip() throws GripFormatException
    {
        PublishItem item = new PublishItem("news", Optional.of("7"), Optional.of("6"), Map.of("sender", "bob"), true,
            Optional.of(new HttpResponseFormat(Action.SEND, 404, Optional.of("Nope"),
                List.of(new HeaderField("B", "2"), new HeaderField("A", "1")), new byte[] {(byte)0xff, 0}, Optional.empty(),
                List.of("skip-self"))),
            Optional.of(new HttpStreamFormat(Action.SEND, bytes("data: x\n\n"), List.of())),
            Optional.of(new WsMessageFormat(Action.SEND, WsMessageFormat.Type.BINARY, new byte[] {1, 2}, OptionalInt.empty(),
                Optional.empty(), List.of())));
        PublishItem back = roundTrip(item);
        assertEquals("news", back.channel());
        assertEquals(Optional.of("7"), back.id());
        assertEquals(Optional.of("6"), back.prevId());
        assertEquals(Map.of("sender", "bob"), back.meta());
        assertEquals(true, back.noSeq());
        HttpResponseFormat response = back.httpResponse().orElseThrow();
        assertEquals(404, response.code());
        assertEquals(Optional.of("Nope"), response.reason());
        assertEquals(List.of(new HeaderField("B", "2"), new HeaderField("A", "1")), response.headers());
        assertArrayEquals(new byte[] {(byte)0xff, 0}, response.body());
        assertEquals(List.of("skip-self"), response.contentFilters());
        assertArrayEquals(bytes("data: x\n\n"), back.httpStream().orElseThrow().content());
        WsMessageFormat ws = back.wsMessage().orElseThrow();
        assertEquals(WsMessageFormat.Type.BINARY, ws.type());
        assertArrayEquals(new byte[] {1, 2}, ws.content());
        assertArrayEquals(PublishItemWriter.toJson(item), PublishItemWriter.toJson(back));
    }

    @Test
    void actionsCloseCodesPatchesAndTextFramesSurvive() throws GripFormatException
    {
        String json = "{\"channel\":\"c\",\"formats\":{"
            + "\"http-response\":{\"body-patch\":[{\"op\":\"add\",\"path\":\"/a\",\"value\":1}]},"
            + "\"http-stream\":{\"action\":\"close\"},"
            + "\"ws-message\":{\"action\":\"close\",\"code\":4001,\"reason\":\"bye\"}}}";
        PublishItem item = PublishItemParser.parse(PushpinJson.parse(bytes(json)).orElseThrow());
        PublishItem back = roundTrip(item);
        assertEquals(item.httpResponse().orElseThrow().bodyPatch(), back.httpResponse().orElseThrow().bodyPatch());
        assertEquals(Action.CLOSE, back.httpStream().orElseThrow().action());
        assertEquals(OptionalInt.of(4001), back.wsMessage().orElseThrow().closeCode());
        assertEquals(Optional.of("bye"), back.wsMessage().orElseThrow().closeReason());

        PublishItem text = PublishItemParser.parse(PushpinJson.parse(bytes(
            "{\"channel\":\"c\",\"formats\":{\"ws-message\":{\"content\":\"hi\"},\"http-response\":{\"action\":\"hint\"}}}"))
            .orElseThrow());
        PublishItem textBack = roundTrip(text);
        assertEquals(WsMessageFormat.Type.TEXT, textBack.wsMessage().orElseThrow().type());
        assertArrayEquals(bytes("hi"), textBack.wsMessage().orElseThrow().content());
        assertEquals(Action.HINT, textBack.httpResponse().orElseThrow().action());
        assertEquals(Optional.empty(), textBack.httpStream());
    }

    private static PublishItem roundTrip(PublishItem item) throws GripFormatException
    {
        return PublishItemParser.parse(PushpinJson.parse(PublishItemWriter.toJson(item)).orElseThrow());
    }

    private static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
