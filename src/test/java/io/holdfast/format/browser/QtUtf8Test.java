// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link QtUtf8}: what Pushpin 1.36 put in a JSONP body for each byte sequence (recorded from it). */
class QtUtf8Test
{
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "41c3a9, 41 e9",
        "e282, fffd fffd",
        "e28230, fffd fffd 30",
        "efbf30, fffd fffd 30",
        "f09f98, fffd fffd fffd",
        "f09f9830, fffd fffd fffd 30",
        "eda080, fffd fffd fffd",
        "edbfbf, fffd fffd fffd",
        "f4908080, fffd fffd fffd fffd",
        "ff, fffd",
        "c080, fffd fffd",
        "e08080, fffd fffd fffd",
        "f09f9880, 1f600",
        "efbbbf41, 41",
        "41efbbbf, 41 feff",
        "610062, 61 0 62",
    })
    void decodesAsPushpinDoes(String bytes, String codePoints)
    {
        assertEquals(codePoints, points(QtUtf8.decode(HexFormat.of().parseHex(bytes))));
    }

    @Test
    void aCharacterSplitAcrossPiecesIsDecodedOnceWhole()
    {
        QtUtf8 decoder = new QtUtf8();
        StringBuilder out = new StringBuilder();
        byte[] bytes = HexFormat.of().parseHex("41f09f9880");
        decoder.decode(out, bytes, 0, 2, false);
        assertEquals("41", points(out.toString()));
        decoder.decode(out, bytes, 2, 2, false);
        assertEquals("41", points(out.toString()), "still incomplete");
        decoder.decode(out, bytes, 4, 1, false);
        assertEquals("41 1f600", points(out.toString()));
    }

    @Test
    void anIncompleteCharacterAtTheEndIsMalformedByteByByte()
    {
        QtUtf8 decoder = new QtUtf8();
        StringBuilder out = new StringBuilder();
        decoder.decode(out, HexFormat.of().parseHex("f09f98"), 0, 3, false);
        assertEquals("", out.toString());
        decoder.decode(out, new byte[0], 0, 0, true);
        assertEquals("fffd fffd fffd", points(out.toString()));
    }

    @Test
    void onlyTheFirstCharacterOfTheWholeInputCanBeADroppedByteOrderMark()
    {
        QtUtf8 decoder = new QtUtf8();
        StringBuilder out = new StringBuilder();
        byte[] bom = HexFormat.of().parseHex("efbbbf");
        decoder.decode(out, bom, 0, 3, false);
        decoder.decode(out, bom, 0, 3, true);
        assertEquals("feff", points(out.toString()));
    }

    @ParameterizedTest
    @CsvSource({
        "'', true", "41, true", "c2a9, true", "e282ac, true", "f09f9880, true", "efbbbf, true", "f48fbfbf, true",
        "c0af, false", "c1bf, false", "e080af, false", "f08080af, false",
        "eda080, false", "edbfbf, false", "f4908080, false", "f5808080, false", "ff, false",
        "80, false", "e282, false", "41e2, false", "e28241, false",
    })
    void wellFormedAsQtRequiresIt(String hex, boolean wellFormed)
    {
        assertEquals(wellFormed, QtUtf8.isWellFormed(HexFormat.of().parseHex(hex)));
    }

    @Test
    void wellFormedExactlyWhenJavasStrictDecoderAgrees()
    {
        Random random = new Random(14);
        byte[] pieces = HexFormat.of().parseHex("41c2a9e282acf09f98808090bfc0e0eded9fa0f4f58f");
        for (int round = 0; round < 20_000; round++)
        {
            byte[] bytes = new byte[random.nextInt(6)];
            for (int i = 0; i < bytes.length; i++)
                bytes[i] = pieces[random.nextInt(pieces.length)];
            assertEquals(strictlyDecodes(bytes), QtUtf8.isWellFormed(bytes), HexFormat.of().formatHex(bytes));
        }
    }

    private static boolean strictlyDecodes(byte[] bytes)
    {
        try
        {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        }
        catch (CharacterCodingException malformed)
        {
            return false;
        }
    }

    private static String points(String text)
    {
        return text.codePoints().mapToObj(Integer::toHexString).collect(Collectors.joining(" "));
    }
}
