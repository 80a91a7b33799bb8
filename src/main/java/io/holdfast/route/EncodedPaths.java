// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoded request paths the way Pushpin sees them. Pushpin matches {@code path_beg} and
 * rewrites paths on {@code QUrl::path(QUrl::FullyEncoded)}, which is not the raw request target:
 * escapes of unreserved characters are decoded ({@code /%41} is {@code /A}), hex digits are upper
 * case, a stray {@code %} becomes {@code %25}, and spaces, controls, {@code "<>\^`{|}}, non-ASCII and
 * (within a path) {@code ?} and {@code #} are escaped. Pure static functions.
 */
public final class EncodedPaths
{
    private static final String FORBIDDEN = "\"<>\\^`{|}\u007F";
    private static final String UNRESERVED_MARKS = "-._~";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private EncodedPaths()
    {
    }

    /**
     * Returns {@code path} in Pushpin's encoded form; idempotent, and returns the same instance when
     * nothing changes so the per-request cost is one scan.
     */
    public static String normalize(String path)
    {
        int n = 0;
        while (n < path.length() && isKeptAsIs(path, n))
        {
            ++n;
        }
        if (n == path.length())
        {
            return path;
        }

        StringBuilder out = new StringBuilder(path.length() + 16).append(path, 0, n);
        while (n < path.length())
        {
            char c = path.charAt(n);
            if (c == '%' && hasEscapeAt(path, n))
            {
                int value = Character.digit(path.charAt(n + 1), 16) * 16 + Character.digit(path.charAt(n + 2), 16);
                if (isUnreserved((char) value))
                {
                    out.append((char) value);
                }
                else
                {
                    appendEscape(out, value);
                }
                n += 3;
            }
            else if (c >= 0x80)
            {
                int cp = path.codePointAt(n);
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8))
                {
                    appendEscape(out, b & 0xFF);
                }
                n += Character.charCount(cp);
            }
            else
            {
                if (c == '%' || c <= 0x20 || c == '?' || c == '#' || FORBIDDEN.indexOf(c) >= 0)
                {
                    appendEscape(out, c);
                }
                else
                {
                    out.append(c);
                }
                ++n;
            }
        }
        return out.toString();
    }

    /**
     * True when {@code QUrl::setPath(path, QUrl::StrictMode)} accepts {@code path}: no space or
     * control character, none of {@code "<>\^`{|}} or DEL, and every {@code %} starts a valid escape.
     * Pushpin clears the path of a rewritten URL that fails this check.
     */
    static boolean isStrictlyValid(String path)
    {
        for (int n = 0; n < path.length(); ++n)
        {
            char c = path.charAt(n);
            if (c >= 0x80)
            {
                continue;
            }
            if ((c == '%' && !hasEscapeAt(path, n)) || c <= 0x20 || FORBIDDEN.indexOf(c) >= 0)
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isKeptAsIs(String path, int n)
    {
        char c = path.charAt(n);
        if (c == '%')
        {
            // a valid escape stays only when it is upper case and not an unreserved character
            if (!hasEscapeAt(path, n))
            {
                return false;
            }
            char hi = path.charAt(n + 1);
            char lo = path.charAt(n + 2);
            int value = Character.digit(hi, 16) * 16 + Character.digit(lo, 16);
            return !Character.isLowerCase(hi) && !Character.isLowerCase(lo) && !isUnreserved((char) value);
        }
        return c > 0x20 && c < 0x80 && c != '?' && c != '#' && FORBIDDEN.indexOf(c) < 0;
    }

    private static boolean hasEscapeAt(String path, int n)
    {
        return n + 2 < path.length() && isHex(path.charAt(n + 1)) && isHex(path.charAt(n + 2));
    }

    private static boolean isHex(char c)
    {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isUnreserved(char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || UNRESERVED_MARKS.indexOf(c) >= 0;
    }

    private static void appendEscape(StringBuilder out, int value)
    {
        out.append('%').append(HEX[value >> 4]).append(HEX[value & 0xF]);
    }
}
