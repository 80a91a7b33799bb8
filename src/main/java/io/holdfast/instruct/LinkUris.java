// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns the text inside {@code Grip-Link: <...>} into a {@link URI} about as tolerantly as Qt's
 * {@code QUrl::fromEncoded} does for Pushpin: outside the authority, characters a URI may not
 * contain (space, braces, non-ASCII, a {@code %} without two hex digits) are percent-encoded
 * instead of rejected; a bad scheme, host or port still makes the link invalid. Pure and
 * thread-safe.
 */
final class LinkUris
{
    private static final String ALLOWED = "-._~:/?#@!$&'()*+,;=";
    private static final int MAX_PORT = 65535;

    private LinkUris()
    {
    }

    static Optional<URI> parse(String text)
    {
        int[] authority = authorityRange(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++)
        {
            char c = text.charAt(i);
            boolean inAuthority = i >= authority[0] && i < authority[1];
            if (inAuthority || isAllowed(c) || (c == '%' && isEscape(text, i)))
            {
                out.append(c);
            }
            else
            {
                escape(text, i, out);
                if (Character.isHighSurrogate(c) && i + 1 < text.length())
                {
                    i++;
                }
            }
        }
        try
        {
            URI uri = new URI(out.toString());
            if (uri.getRawAuthority() != null)
            {
                // Java would fall back to a registry authority; QUrl rejects a bad host or port.
                uri = uri.parseServerAuthority();
                if (uri.getPort() > MAX_PORT)
                {
                    return Optional.empty();
                }
            }
            return Optional.of(uri);
        }
        catch (URISyntaxException ignored)
        {
            return Optional.empty();
        }
    }

    /** [start, end) of the authority in {@code scheme://authority/...}, or an empty range. */
    private static int[] authorityRange(String text)
    {
        int sep = text.indexOf("://");
        if (sep <= 0 || !text.substring(0, sep).chars().allMatch(LinkUris::isSchemeChar))
        {
            return new int[] {0, 0};
        }
        int start = sep + 3;
        int end = start;
        while (end < text.length() && "/?#".indexOf(text.charAt(end)) == -1)
        {
            end++;
        }
        return new int[] {start, end};
    }

    private static boolean isSchemeChar(int c)
    {
        return c < 0x80 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.');
    }

    private static boolean isAllowed(char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || ALLOWED.indexOf(c) != -1;
    }

    private static boolean isEscape(String text, int i)
    {
        return i + 2 < text.length()
            && Character.digit(text.charAt(i + 1), 16) != -1 && text.charAt(i + 1) < 0x80
            && Character.digit(text.charAt(i + 2), 16) != -1 && text.charAt(i + 2) < 0x80;
    }

    private static void escape(String text, int i, StringBuilder out)
    {
        int cp = text.codePointAt(i);
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8))
        {
            out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
    }
}
