// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.holdfast.format.HeaderField;

/**
 * Wraps a response for a JSONP client while its body is still arriving, chunk by chunk, for
 * bodies too long or open-ended to collect first. The output equals {@link JsonpWrapper#wrapOneShot}
 * of the whole body: a UTF-8 character split across chunks is escaped once complete, and in basic
 * mode a trailing newline is held back until it is known not to be the last. Not thread-safe: one
 * response's chunks in order.
 */
public final class JsonpStream
{
    private final boolean extended;
    private final QtUtf8 decoder = new QtUtf8();
    private final String start;
    private boolean started;
    /** Basic mode: a held-back newline. */
    private byte[] pending = new byte[0];

    public JsonpStream(String callback, boolean extended, int code, String reason, List<HeaderField> headers)
    {
        this.extended = extended;
        this.start = extended ? JsonpWrapper.start(callback, code, reason, headers) : "/**/" + callback + "(";
    }

    /** The wrapped form of the next body chunk (the wrapper's start comes with the first). */
    public byte[] chunk(byte[] bytes, int offset, int length)
    {
        StringBuilder out = takeStart();
        if (extended)
        {
            StringBuilder chars = new StringBuilder(length);
            decoder.decode(chars, bytes, offset, length, false);
            return QtJson.utf8(QtJson.escapeInto(out, chars));
        }
        byte[] input = concat(pending, bytes, offset, length);
        int held = heldBack(input);
        pending = Arrays.copyOfRange(input, input.length - held, input.length);
        return concat(QtJson.utf8(out), input, 0, input.length - held);
    }

    /** Whatever is still owed, then the wrapper's end. */
    public byte[] end()
    {
        StringBuilder out = takeStart();
        if (extended)
        {
            StringBuilder chars = new StringBuilder();
            decoder.decode(chars, new byte[0], 0, 0, true);
            return QtJson.utf8(QtJson.escapeInto(out, chars).append(JsonpWrapper.end(true)));
        }
        int keep = pending.length - JsonpWrapper.trailingNewline(pending, pending.length);
        byte[] rest = concat(QtJson.utf8(out), pending, 0, keep);
        pending = new byte[0];
        byte[] end = JsonpWrapper.end(false).getBytes(StandardCharsets.UTF_8);
        return concat(rest, end, 0, end.length);
    }

    private StringBuilder takeStart()
    {
        StringBuilder out = new StringBuilder();
        if (!started)
        {
            out.append(start);
            started = true;
        }
        return out;
    }

    /** Trailing newline bytes that may turn out to end the body: {@code \r\n}, {@code \n} or {@code \r}. */
    private static int heldBack(byte[] input)
    {
        int n = input.length;
        if (n >= 2 && input[n - 2] == '\r' && input[n - 1] == '\n')
            return 2;
        return n >= 1 && (input[n - 1] == '\n' || input[n - 1] == '\r') ? 1 : 0;
    }

    private static byte[] concat(byte[] head, byte[] bytes, int offset, int length)
    {
        byte[] out = Arrays.copyOf(head, head.length + length);
        System.arraycopy(bytes, offset, out, head.length, length);
        return out;
    }
}
