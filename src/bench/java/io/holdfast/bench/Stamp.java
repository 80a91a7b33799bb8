// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The latency marker carried in published content: {@code @} and 16 hex digits of the
 * {@link System#nanoTime()} at which the publish request started (publisher and subscribers live
 * in the same JVM, so the clocks agree). {@link Scanner} finds markers in a byte stream that may
 * split them anywhere.
 */
final class Stamp
{
    static final int LENGTH = 17;
    static final String PLACEHOLDER = "@0000000000000000";
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Stamp()
    {
    }

    static void write(byte[] into, int offset, long nanoTime)
    {
        into[offset] = '@';
        for (int i = 16; i >= 1; i--)
        {
            into[offset + i] = HEX[(int)(nanoTime & 0xf)];
            nanoTime >>>= 4;
        }
    }

    /** Per-connection marker scanner. */
    static final class Scanner
    {
        private int digits = -1;
        private long value;

        /**
         * Scans {@code [from, to)}; for each complete marker calls {@code sink} with its stamp.
         * Returns the number of markers found.
         */
        int scan(ByteBuffer buffer, int from, int to, long nanoTime, Sink sink)
        {
            int found = 0;
            for (int i = from; i < to; i++)
            {
                byte b = buffer.get(i);
                if (digits < 0)
                {
                    if (b == '@')
                    {
                        digits = 0;
                        value = 0;
                    }
                    continue;
                }
                int d = ResponseParser.hex(b);
                if (d < 0)
                {
                    digits = b == '@' ? 0 : -1;
                    value = 0;
                    continue;
                }
                value = value << 4 | d;
                if (++digits == 16)
                {
                    digits = -1;
                    found++;
                    sink.marker(value, nanoTime);
                }
            }
            return found;
        }
    }

    interface Sink
    {
        void marker(long sentNanos, long receivedNanos);
    }
}
