// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Base64 decoding as Qt's {@code QByteArray::fromBase64} does it, which Pushpin uses for
 * {@code format=base64}, {@code content-bin} and {@code body-bin}: characters outside the standard
 * alphabet (padding, whitespace, {@code -_*}) are skipped and never an error, and leftover bits
 * that make no whole byte are dropped. {@link java.util.Base64} would reject inputs Pushpin takes.
 * Pure and thread-safe.
 */
final class LenientBase64
{
    private LenientBase64()
    {
    }

    static byte[] decode(String text)
    {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3 / 4);
        int buf = 0;
        int bits = 0;
        for (byte b : in)
        {
            int d = digit(b);
            if (d == -1)
            {
                continue;
            }
            buf = (buf << 6) | d;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                out.write(buf >> bits);
                buf &= (1 << bits) - 1;
            }
        }
        return out.toByteArray();
    }

    private static int digit(byte c)
    {
        if (c >= 'A' && c <= 'Z')
        {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z')
        {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9')
        {
            return c - '0' + 52;
        }
        if (c == '+')
        {
            return 62;
        }
        return c == '/' ? 63 : -1;
    }
}
