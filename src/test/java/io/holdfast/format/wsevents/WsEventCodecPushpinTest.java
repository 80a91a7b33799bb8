// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.wsevents;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.wsevents.WsEvent.Type;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays fixtures/wsevents/pushpin-woh-corpus.jsonl, Pushpin 1.36's recorded WebSocket-over-HTTP
 * exchanges (written by src/test/conformance/probe-woh.py): the bodies Pushpin sent must decode and
 * re-encode byte for byte, and each origin reply must be accepted or rejected as Pushpin did. Where
 * the codec is deliberately stricter, {@link #DEVIATIONS} says why.
 */
class WsEventCodecPushpinTest
{
    private static final String CORPUS = "/fixtures/wsevents/pushpin-woh-corpus.jsonl";

    private static final String QT_TO_INT =
        "Qt's toInt(16) takes a sign, a 0x prefix and spaces around the digits; we take bare hex digits";
    private static final String SKIPS_UNKNOWN =
        "Pushpin skips an event whose type it does not know (lower case, empty, mangled); we reject it";
    private static final String UNCHECKED_FRAMING =
        "Pushpin skips the 2 bytes after a content unread and cuts a length that runs past the end; "
            + "we require the whole content and its CRLF";

    private static final Map<String, String> DEVIATIONS = Map.ofEntries(
        Map.entry("accepted/hex-0x", QT_TO_INT),
        Map.entry("accepted/hex-plus", QT_TO_INT),
        Map.entry("accepted/hex-negative", QT_TO_INT),
        Map.entry("accepted/two-spaces", QT_TO_INT),
        Map.entry("accepted/trailing-space", QT_TO_INT),
        Map.entry("accepted/lower-case-type", SKIPS_UNKNOWN),
        Map.entry("accepted/unknown-type", SKIPS_UNKNOWN),
        Map.entry("accepted/blank-line", SKIPS_UNKNOWN),
        Map.entry("accepted/tab", SKIPS_UNKNOWN),
        Map.entry("accepted/length-beyond-data", UNCHECKED_FRAMING),
        Map.entry("accepted/no-crlf-after-content", UNCHECKED_FRAMING),
        Map.entry("accepted/no-crlf-at-end", UNCHECKED_FRAMING),
        Map.entry("accepted/close-one-byte", "Pushpin reads a 1-byte close as one without a code; we reject it"),
        Map.entry("first/open-content", "Pushpin ignores content on OPEN; we reject it"));

    private static final List<String> ENDED = List.of("ended");

    static List<JsonNode> corpus()
    {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = WsEventCodecPushpinTest.class.getResourceAsStream(CORPUS);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
        {
            List<JsonNode> cases = new ArrayList<>();
            for (String line : reader.lines().toList())
            {
                cases.add(json.readTree(line));
            }
            return cases;
        }
        catch (IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> sent()
    {
        return corpus().stream().filter(c -> name(c).startsWith("sent/")).toList();
    }

    static List<JsonNode> replies()
    {
        return corpus().stream().filter(c -> !name(c).startsWith("sent/") && !DEVIATIONS.containsKey(name(c))).toList();
    }

    static List<JsonNode> deviations()
    {
        return corpus().stream().filter(c -> DEVIATIONS.containsKey(name(c))).toList();
    }

    private static String name(JsonNode c)
    {
        return c.get("name").textValue();
    }

    // the fixture writes bytes as text read as ISO-8859-1
    private static byte[] bytes(JsonNode text)
    {
        return text.textValue().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String latin1(byte[] bytes)
    {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sent")
    void decodesAndReencodesWhatPushpinSentByteForByte(JsonNode c) throws Exception
    {
        assertEquals(101, c.get("status").intValue());
        List<WsEvent> received = new ArrayList<>();
        for (JsonNode body : c.get("bodies"))
        {
            List<WsEvent> events = WsEventCodec.decode(bytes(body));
            assertEquals(body.textValue(), latin1(WsEventCodec.encode(events)));
            received.addAll(events);
        }
        List<WsEvent> expected = new ArrayList<>(List.of(WsEvent.open()));
        for (JsonNode message : c.get("messages"))
        {
            expected.add(event(message.textValue()));
        }
        assertEquals(expected, received);
    }

    /** A client message as the probe wrote it ("text:hi", "close:", "drop") and the event it becomes. */
    private static WsEvent event(String message)
    {
        if (message.equals("drop"))
        {
            return WsEvent.disconnect();
        }
        int colon = message.indexOf(':');
        Type type = Type.valueOf(message.substring(0, colon).toUpperCase());
        return new WsEvent(type, message.substring(colon + 1).getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void acceptsAndRejectsRepliesAsPushpinDoes(JsonNode c)
    {
        byte[] reply = bytes(c.get("reply"));
        List<String> client = new ArrayList<>();
        c.get("client").forEach(frame -> client.add(frame.textValue()));
        if (name(c).startsWith("first/"))
        {
            assertEquals(c.get("status").intValue() == 101 ? client : ENDED, firstExchange(reply));
        }
        else
        {
            assertEquals(client, laterExchange(reply));
        }
    }

    /**
     * What the client sees when an origin answers a later request with {@code reply}, modelled on
     * Pushpin: an undecodable body is a connection error (the socket ends without a close frame);
     * CLOSE closes the client, with code 1000 when the event has none; DISCONNECT and a late OPEN
     * end the socket; events after those are not read.
     */
    private static List<String> laterExchange(byte[] reply)
    {
        try
        {
            return frames(WsEventCodec.decode(reply));
        }
        catch (GripFormatException e)
        {
            return ENDED;
        }
    }

    /** The same for the reply to OPEN, which must begin with OPEN (no keep-alive is offered here). */
    private static List<String> firstExchange(byte[] reply)
    {
        try
        {
            List<WsEvent> events = WsEventCodec.decode(reply);
            if (events.isEmpty() || events.get(0).type() != Type.OPEN)
            {
                return ENDED;
            }
            return frames(events.subList(1, events.size()));
        }
        catch (GripFormatException e)
        {
            return ENDED;
        }
    }

    private static List<String> frames(List<WsEvent> events)
    {
        List<String> frames = new ArrayList<>();
        for (WsEvent e : events)
        {
            switch (e.type())
            {
                case TEXT, BINARY, PING, PONG ->
                    frames.add(e.type().name().toLowerCase() + ":" + latin1(e.content()));
                case CLOSE ->
                {
                    int code = e.closeCode().orElse(1000);
                    byte[] reason = e.closeReason().getBytes(StandardCharsets.UTF_8);
                    frames.add("close:" + (char) (code >> 8) + (char) (code & 0xff) + latin1(reason));
                    return frames;
                }
                case OPEN, DISCONNECT ->
                {
                    frames.add("ended");
                    return frames;
                }
            }
        }
        return frames;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deviations")
    void rejectsWhatPushpinToleratesWhereDocumented(JsonNode c)
    {
        assertThrows(GripFormatException.class, () -> WsEventCodec.decode(bytes(c.get("reply"))));
        List<String> client = new ArrayList<>();
        c.get("client").forEach(frame -> client.add(frame.textValue()));
        assertNotEquals(ENDED, client, "Pushpin tolerated it");
        assertFalse(c.has("status") && c.get("status").intValue() != 101, "Pushpin tolerated it");
    }

    @Test
    void everyDeviationNamesARecordedCase()
    {
        Map<String, JsonNode> byName = corpus().stream().collect(Collectors.toMap(c -> name(c), c -> c));
        assertTrue(byName.size() > 60, "corpus loaded");
        DEVIATIONS.forEach((name, why) -> assertTrue(byName.containsKey(name), name));
    }

    @Test
    void pushpinWritesLowerCaseHexAndNoLengthForEmptyContent()
    {
        Map<String, JsonNode> byName = corpus().stream().collect(Collectors.toMap(c -> name(c), c -> c));
        assertEquals("TEXT 1a\r\nabcdefghijklmnopqrstuvwxyz\r\n", secondBody(byName, "sent/text-hex-26"));
        assertEquals("TEXT\r\n", secondBody(byName, "sent/text-empty"));
        assertEquals("BINARY\r\n", secondBody(byName, "sent/binary-empty"));
        assertEquals("PING\r\n", secondBody(byName, "sent/ping-empty"));
        assertEquals("CLOSE\r\n", secondBody(byName, "sent/close-empty"));
    }

    // the first body is always OPEN
    private static String secondBody(Map<String, JsonNode> byName, String name)
    {
        return byName.get(name).get("bodies").get(1).textValue();
    }
}
