// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.holdfast.format.HeaderField;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link JsonpStream}: however a body is cut into chunks, the output is {@link JsonpWrapper#wrapOneShot} of all of it. */
class JsonpStreamTest
{
    private static final List<HeaderField> HEADERS = List.of(new HeaderField("X-A", "1"), new HeaderField("x-a", "2"),
        new HeaderField("Content-Type", "text/plain"), new HeaderField("Connection", "close"),
        new HeaderField("Z", "Fine \u00c3\u00a9"));
    private static final String REASON = "Fine \u00c3\u00a9";

    private static byte[] utf8(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> bodies()
    {
        List<byte[]> bodies = List.of(utf8("one\ntw\u00e9o\r\n"), utf8("a\n\n"), utf8("\r"), utf8("x\r"), new byte[0], utf8("\n"),
            utf8("\r\n"), utf8("\r\r\n"), utf8("\n\r"), utf8("a\r\n\r\n"), utf8("\n\n\r\n"), JsonpWrapperTest.bytes("ff"),
            JsonpWrapperTest.bytes("61ff0a"), JsonpWrapperTest.bytes("e282"), JsonpWrapperTest.bytes("78e28241"),
            JsonpWrapperTest.bytes("e2820a"), utf8("\u20ac"), utf8("\ud83d\ude00"), utf8("x\ud83d\ude00\n"),
            JsonpWrapperTest.bytes("f09f9841"), JsonpWrapperTest.bytes("eda080"), JsonpWrapperTest.bytes("c080"),
            utf8("\"\\\u0001\t\u2028/"), JsonpWrapperTest.bytes("efbbbf41efbbbf"), JsonpWrapperTest.bytes("610062"));
        return bodies.stream().flatMap(b -> Stream.of(Arguments.of(b, true), Arguments.of(b, false)));
    }

    private static byte[] whole(byte[] body, boolean extended)
    {
        return JsonpWrapper.wrapOneShot("cb", extended, 206, REASON, HEADERS, body);
    }

    /** Streams {@code body} cut at {@code cuts} (ascending, possibly repeated: empty chunks), reading it in place. */
    private static byte[] streamed(byte[] body, boolean extended, int... cuts)
    {
        JsonpStream stream = new JsonpStream("cb", extended, 206, REASON, HEADERS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int from = 0;
        for (int cut : cuts)
        {
            out.writeBytes(stream.chunk(body, from, cut - from));
            from = cut;
        }
        out.writeBytes(stream.end());
        return out.toByteArray();
    }

    private static String describe(byte[] body, boolean extended, int... cuts)
    {
        return (extended ? "extended " : "basic ") + Arrays.toString(body) + " cut at " + Arrays.toString(cuts);
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void noChunksAndOneChunk(byte[] body, boolean extended)
    {
        assertArrayEquals(whole(body, extended), streamed(body, extended, body.length), describe(body, extended));
        if (body.length == 0)
            assertArrayEquals(whole(body, extended), streamed(body, extended), describe(body, extended));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void everySplitPoint(byte[] body, boolean extended)
    {
        for (int i = 0; i <= body.length; i++)
            assertArrayEquals(whole(body, extended), streamed(body, extended, i, body.length), describe(body, extended, i));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void everyPairOfSplitPoints(byte[] body, boolean extended)
    {
        for (int i = 0; i <= body.length; i++)
        {
            for (int j = i; j <= body.length; j++)
            {
                assertArrayEquals(whole(body, extended), streamed(body, extended, i, j, body.length),
                    describe(body, extended, i, j));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void byteByByteWithEmptyChunksBetween(byte[] body, boolean extended)
    {
        int[] cuts = new int[2 * body.length + 2];
        for (int i = 0; i < cuts.length; i++)
            cuts[i] = Math.min(i / 2, body.length);
        assertArrayEquals(whole(body, extended), streamed(body, extended, cuts), describe(body, extended, cuts));
    }

    @Test
    void extendedWritesTheStartWithTheFirstChunkAndHoldsASplitCharacter()
    {
        JsonpStream stream = new JsonpStream("cb", true, 200, "OK", List.of(new HeaderField("B", "2"), new HeaderField("A", "1")));
        byte[] emoji = utf8("\ud83d\ude00");
        assertEquals("/**/cb({\"code\": 200, \"reason\": \"OK\", \"headers\": {\"A\":\"1\",\"B\":\"2\"}, \"body\": \"a\\n",
            new String(stream.chunk(utf8("a\n"), 0, 2), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[0], stream.chunk(emoji, 0, 3));
        assertEquals("\ud83d\ude00", new String(stream.chunk(emoji, 3, 1), StandardCharsets.UTF_8));
        assertEquals("\\\"", new String(stream.chunk(utf8("zzz\"zz"), 3, 1), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[0], stream.chunk(emoji, 4, 0));
        assertEquals("\"});\n", new String(stream.end(), StandardCharsets.UTF_8));
    }

    @Test
    void basicHoldsBackATrailingNewlineUntilMoreComes()
    {
        JsonpStream stream = new JsonpStream("cb", false, 200, "OK", List.of());
        assertEquals("/**/cb(a", new String(stream.chunk(utf8("a\r\n"), 0, 3), StandardCharsets.US_ASCII));
        assertEquals("\r\nb", new String(stream.chunk(utf8("xbx"), 1, 1), StandardCharsets.US_ASCII));
        assertEquals("", new String(stream.chunk(utf8("\r"), 0, 1), StandardCharsets.US_ASCII));
        assertEquals("", new String(stream.chunk(utf8("\n"), 0, 1), StandardCharsets.US_ASCII));
        assertEquals(");\n", new String(stream.end(), StandardCharsets.US_ASCII));
    }

    @Test
    void endAloneIsTheWholeWrapper()
    {
        assertEquals("/**/cb({\"code\": 204, \"reason\": \"No Content\", \"headers\": {}, \"body\": \"\"});\n",
            new String(new JsonpStream("cb", true, 204, "No Content", List.of()).end(), StandardCharsets.UTF_8));
        assertEquals("/**/cb();\n", new String(new JsonpStream("cb", false, 204, "No Content", List.of()).end(),
            StandardCharsets.UTF_8));
    }
}
