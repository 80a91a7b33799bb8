// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.util.HexFormat;
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

    private static String points(String text)
    {
        return text.codePoints().mapToObj(Integer::toHexString).collect(Collectors.joining(" "));
    }
}
