// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.tnetstring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.holdfast.format.GripFormatException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TnetStringCodec}: every type both ways, and fixtures/tnetstring/malformed.txt. */
class TnetStringCodecTest
{
    private record Malformed(String name, byte[] input, String message)
    {
        @Override
        public String toString()
        {
            return name;
        }
    }

    @Test
    void decodesEveryType() throws GripFormatException
    {
        assertEquals(TnetValue.text("hello"), decode("5:hello,"));
        assertEquals(new TnetValue.Int(42), decode("2:42#"));
        assertEquals(new TnetValue.Int(-7), decode("2:-7#"));
        assertEquals(new TnetValue.Int(Long.MIN_VALUE), decode("20:-9223372036854775808#"));
        assertEquals(new TnetValue.Real(1.5), decode("3:1.5^"));
        assertEquals(new TnetValue.Real(-2e10), decode("7:-2.0E10^"));
        assertEquals(new TnetValue.Bool(true), decode("4:true!"));
        assertEquals(new TnetValue.Bool(false), decode("5:false!"));
        assertEquals(new TnetValue.Null(), decode("0:~"));
        assertEquals(new TnetValue.Array(List.of(TnetValue.text("a"), new TnetValue.Int(1))), decode("8:1:a,1:1#]"));
        assertEquals(new TnetValue.Array(List.of()), decode("0:]"));
        assertEquals(TnetValue.dict("a", TnetValue.text("b"), "n", new TnetValue.Null()), decode("15:1:a,1:b,1:n,0:~}"));
        assertEquals(TnetValue.dict(), decode("0:}"));
    }

    @Test
    void decodesTheSpecExampleWithItsNewline() throws GripFormatException
    {
        String item = "104:7:formats,49:11:http-stream,30:7:content,16:a chunk of data\n,}}7:channel,9:mychannel,2:id,10:an-item-id,}";
        TnetValue.Dict dict = (TnetValue.Dict)decode(item);
        assertEquals(TnetValue.text("mychannel"), dict.entries().get("channel"));
        TnetValue.Dict stream = (TnetValue.Dict)((TnetValue.Dict)dict.entries().get("formats")).entries().get("http-stream");
        assertEquals(TnetValue.text("a chunk of data\n"), stream.entries().get("content"));
    }

    @Test
    void byteStringsAreRawBytes() throws GripFormatException
    {
        byte[] raw = {'3', ':', 0, (byte)0xff, ':', ','};
        assertArrayEquals(new byte[] {0, (byte)0xff, ':'}, ((TnetValue.Bytes)TnetStringCodec.decode(raw, 0)).value());
    }

    @Test
    void decodesFromAnOffsetAfterAPrefix() throws GripFormatException
    {
        assertEquals(TnetValue.text("x"), TnetStringCodec.decode(bytes("T1:x,"), 1));
    }

    @Test
    void aRepeatedDictKeyKeepsItsLastValue() throws GripFormatException
    {
        assertEquals(TnetValue.dict("a", TnetValue.text("2")), decode("16:1:a,1:1,1:a,1:2,}"));
    }

    @Test
    void roundTripsNestedValues() throws GripFormatException
    {
        TnetValue value = TnetValue.dict(
            "id", new TnetValue.Bytes(new byte[] {1, 2, 3}),
            "method", TnetValue.text("publish"),
            "args", TnetValue.dict("items", new TnetValue.Array(List.of(
                TnetValue.dict("n", new TnetValue.Int(-5), "f", new TnetValue.Real(0.25), "ok", new TnetValue.Bool(false),
                    "nothing", new TnetValue.Null(), "empty", new TnetValue.Array(List.of()))))));
        byte[] encoded = TnetStringCodec.encode(value);
        assertEquals(value, TnetStringCodec.decode(encoded, 0));
    }

    @Test
    void encodesAsPushpinDoes()
    {
        assertEquals("5:value,0:~}", text(TnetStringCodec.encode(TnetValue.dict("value", new TnetValue.Null()))).substring(3));
        assertEquals("4:true!", text(TnetStringCodec.encode(new TnetValue.Bool(true))));
        assertEquals("0:]", text(TnetStringCodec.encode(new TnetValue.Array(List.of()))));
        assertEquals("3:120#", text(TnetStringCodec.encode(new TnetValue.Int(120))));
    }

    @Test
    void nestingIsLimited() throws GripFormatException
    {
        decode(nested(TnetStringCodec.MAX_DEPTH));
        GripFormatException e = assertThrows(GripFormatException.class, () -> decode(nested(TnetStringCodec.MAX_DEPTH + 1)));
        assertTrue(e.getMessage().startsWith("tnetstring: nested deeper than 64 levels at offset "), e.getMessage());
        // far deeper input fails the same way instead of overflowing the stack
        assertThrows(GripFormatException.class, () -> decode(nested(5_000)));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedInputIsACleanError(Malformed c)
    {
        GripFormatException e = assertThrows(GripFormatException.class, () -> TnetStringCodec.decode(c.input(), 0));
        assertEquals("tnetstring: " + c.message(), e.getMessage());
    }

    static Stream<Malformed> malformed() throws IOException
    {
        List<Malformed> cases = new ArrayList<>();
        try (InputStream in = TnetStringCodecTest.class.getResourceAsStream("/fixtures/tnetstring/malformed.txt"))
        {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
            {
                if (line.isBlank() || line.startsWith("#"))
                    continue;
                String[] parts = line.split(" \\| ", -1);
                String input = parts[1].strip().equals("(empty)") ? "" : parts[1].strip();
                cases.add(new Malformed(parts[0], unescape(input), parts[2].strip()));
            }
        }
        return cases.stream();
    }

    private static String nested(int depth)
    {
        StringBuilder value = new StringBuilder("0:]");
        for (int i = 1; i < depth; i++)
            value.insert(0, value.length() + ":").append(']');
        return value.toString();
    }

    private static byte[] unescape(String text)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++)
        {
            char c = text.charAt(i);
            if (c == '\\' && i + 3 < text.length() && text.charAt(i + 1) == 'x')
            {
                out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                i += 3;
            }
            else
                out.write(c);
        }
        return out.toByteArray();
    }

    private static TnetValue decode(String text) throws GripFormatException
    {
        return TnetStringCodec.decode(bytes(text), 0);
    }

    private static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes)
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
