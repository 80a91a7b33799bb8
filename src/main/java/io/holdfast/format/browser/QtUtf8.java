// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.util.Arrays;

/**
 * Reads UTF-8 as Pushpin's Qt does, so a wrapped body matches it character for character: a
 * byte-order mark at the very start is dropped, and every byte that does not begin a well-formed
 * character becomes one U+FFFD (Java's decoder would fold a broken sequence into one). Fed in
 * pieces, a character split across pieces is decoded once it is whole. Not thread-safe.
 */
public final class QtUtf8
{
    private static final char REPLACEMENT = '\uFFFD';

    private byte[] pending = new byte[0];
    private boolean started;

    /** Decodes all of {@code bytes} at once. */
    public static String decode(byte[] bytes)
    {
        StringBuilder out = new StringBuilder(bytes.length);
        new QtUtf8().decode(out, bytes, 0, bytes.length, true);
        return out.toString();
    }

    /**
     * Appends the characters of the next piece to {@code out}; {@code last} says no piece follows,
     * so an incomplete character at the end is malformed rather than awaited.
     */
    public void decode(StringBuilder out, byte[] bytes, int offset, int length, boolean last)
    {
        byte[] in = pending;
        int n;
        if (in.length == 0)
        {
            in = bytes;
            n = offset + length;
        }
        else
        {
            in = Arrays.copyOf(pending, pending.length + length);
            System.arraycopy(bytes, offset, in, pending.length, length);
            offset = 0;
            n = in.length;
        }
        pending = new byte[0];
        int i = offset;
        while (i < n)
        {
            int b = in[i] & 0xff;
            int extra = continuationsAfter(b);
            if (extra == 0)
            {
                emit(out, b);
                i++;
                continue;
            }
            int valid = extra < 0 ? -1 : continuations(in, i, n, extra);
            if (extra > 0 && valid == extra)
            {
                emit(out, codePoint(in, i, extra));
                i += extra + 1;
            }
            else if (valid >= 0 && i + valid + 1 == n && !last)
            {
                // A well-formed start cut off by the end of this piece: wait for the rest.
                pending = Arrays.copyOfRange(in, i, n);
                return;
            }
            else
            {
                emit(out, REPLACEMENT);
                i++;
            }
        }
    }

    /**
     * Whether all of {@code bytes} is well-formed UTF-8 (no overlong forms, surrogates or code
     * points past U+10FFFF), what Qt's strict JSON reading requires. Allocates nothing: it runs on
     * every publish body.
     */
    public static boolean isWellFormed(byte[] bytes)
    {
        int i = 0;
        while (i < bytes.length)
        {
            int extra = continuationsAfter(bytes[i] & 0xff);
            if (extra < 0 || extra > 0 && continuations(bytes, i, bytes.length, extra) != extra)
                return false;
            i += extra + 1;
        }
        return true;
    }

    /** How many continuation bytes a lead byte announces, or -1 if it cannot lead. */
    private static int continuationsAfter(int lead)
    {
        return lead < 0x80 ? 0 : lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2
            : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    }

    /** How many of the {@code extra} continuation bytes after {@code in[lead]} are present and well-formed. */
    private static int continuations(byte[] in, int lead, int n, int extra)
    {
        int first = in[lead] & 0xff;
        for (int k = 1; k <= extra; k++)
        {
            if (lead + k >= n)
                return k - 1;
            int c = in[lead + k] & 0xff;
            int low = 0x80;
            int high = 0xbf;
            if (k == 1)
            {
                // No overlong forms, no surrogates, nothing past U+10FFFF.
                if (first == 0xe0)
                    low = 0xa0;
                else if (first == 0xed)
                    high = 0x9f;
                else if (first == 0xf0)
                    low = 0x90;
                else if (first == 0xf4)
                    high = 0x8f;
            }
            if (c < low || c > high)
                return -1;
        }
        return extra;
    }

    private static int codePoint(byte[] in, int lead, int extra)
    {
        int cp = in[lead] & (0x3f >> extra);
        for (int k = 1; k <= extra; k++)
            cp = cp << 6 | in[lead + k] & 0x3f;
        return cp;
    }

    private void emit(StringBuilder out, int codePoint)
    {
        boolean first = !started;
        started = true;
        if (first && codePoint == 0xfeff)
            return;
        out.appendCodePoint(codePoint);
    }
}
