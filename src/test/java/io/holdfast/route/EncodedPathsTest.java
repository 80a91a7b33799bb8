// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * {@link EncodedPaths}: the request paths below were sent raw to Pushpin 1.36 and the expected values
 * are what its origin received.
 */
class EncodedPathsTest
{
    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        "/a%7cb%41                               => /a%7CbA",
        "/%2D%2E%5F%7E%30%7a%5a                  => /-._~0zZ",
        "/%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40 => /%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40",
        "/%2F%3F%23%5B%5D%25                     => /%2F%3F%23%5B%5D%25",
        "/a%2fb                                  => /a%2Fb",
        "/a%zz                                   => /a%25zz",
        "/a%                                     => /a%25",
        "/a%4                                    => /a%254",
        "/a|b                                    => /a%7Cb",
        "/a\"b                                   => /a%22b",
        "/a^b`c                                  => /a%5Eb%60c",
        "/a\\b                                   => /a%5Cb",
        "/{}<>                                   => /%7B%7D%3C%3E",
        "/aüb                                    => /a%C3%BCb",
        "/%c3%bc                                 => /%C3%BC",
        "/a[b]@:                                 => /a[b]@:",
        "//a/../b                                => //a/../b",
        "/a?b#c                                  => /a%3Fb%23c",
        "`/a b`                                  => /a%20b"})
    void normalizesLikeQtFullyEncoded(String raw, String expected)
    {
        assertEquals(expected, EncodedPaths.normalize(raw));
        assertEquals(expected, EncodedPaths.normalize(expected));
    }

    @Test
    void encodesControlsAndSupplementaryCharacters()
    {
        assertEquals("/%00%1F%7F", EncodedPaths.normalize("/\u0000\u001f\u007f"));
        assertEquals("/%F0%9F%98%80", EncodedPaths.normalize("/\uD83D\uDE00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "", "/a/b", "/a%20b", "/A[]@:!$&()*+;=~'x", "/a%2Fb"})
    void unchangedPathIsReturnedAsIs(String path)
    {
        assertSame(path, EncodedPaths.normalize(path));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        "/a/b          => true",
        "``            => true",
        "/aü           => true",
        "/a?b#c        => true",
        "/a%20b        => true",
        "/a%2f         => true",
        "`/a b`        => false",
        "/a%zz         => false",
        "/a%           => false",
        "/a%2          => false",
        "/a|b          => false",
        "/a^b          => false",
        "/a\"b         => false",
        "/a{b          => false"})
    void strictValidityFollowsQtStrictMode(String path, boolean valid)
    {
        assertEquals(valid, EncodedPaths.isStrictlyValid(path));
    }

    @Test
    void controlCharactersAreNotStrictlyValid()
    {
        assertEquals(false, EncodedPaths.isStrictlyValid("/a\tb"));
        assertEquals(false, EncodedPaths.isStrictlyValid("/a\u007fb"));
    }
}
