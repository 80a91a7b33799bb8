// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.tnetstring;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.holdfast.format.GripFormatException;

/**
 * Reads and writes tnetstrings: {@code <length>:<payload><type>}, for example
 * {@code 5:hello,} {@code 2:42#} {@code 4:true!} {@code 0:~} {@code 8:1:a,1:b,]} and
 * {@code 16:7:channel,2:zp,}} (the last one a dict). Pure and thread-safe.
 *
 * <p>Decoding is strict where Pushpin's decoder trusts its input: a declared length running past the
 * data (which makes Pushpin 1.36 read out of bounds and die), a missing or unknown type tag, a
 * length of more than nine digits, nesting deeper than {@value #MAX_DEPTH}, a malformed number or
 * boolean, non-empty null, a dict key that is not a byte string or lacks its value, and trailing bytes
 * after the value are each a {@link GripFormatException} that names the offset.
 */
public final class TnetStringCodec
{
    /** Containers nest at most this deep; items need four levels, command requests five. */
    public static final int MAX_DEPTH = 64;
    /** At most 999,999,999 bytes per value: a longer length is not a real message. */
    private static final int MAX_LENGTH_DIGITS = 9;
    private static final Pattern INT = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern REAL = Pattern.compile("-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private TnetStringCodec()
    {
    }

    /** Decodes the one tnetstring that fills {@code data} from {@code offset} to its end. */
    public static TnetValue decode(byte[] data, int offset) throws GripFormatException
    {
        Decoder decoder = new Decoder(data);
        int end = decoder.value(offset, data.length, 0);
        if (end != data.length)
            throw error(end, "trailing data after the value");
        return decoder.result;
    }

    public static byte[] encode(TnetValue value)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, out);
        return out.toByteArray();
    }

    private static void write(TnetValue value, ByteArrayOutputStream out)
    {
        if (value instanceof TnetValue.Bytes b)
            frame(b.value(), ',', out);
        else if (value instanceof TnetValue.Int i)
            frame(ascii(Long.toString(i.value())), '#', out);
        else if (value instanceof TnetValue.Real r)
            frame(ascii(Double.toString(r.value())), '^', out);
        else if (value instanceof TnetValue.Bool b)
            frame(ascii(Boolean.toString(b.value())), '!', out);
        else if (value instanceof TnetValue.Null)
            frame(new byte[0], '~', out);
        else if (value instanceof TnetValue.Array a)
        {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            a.values().forEach(v -> write(v, payload));
            frame(payload.toByteArray(), ']', out);
        }
        else
        {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            ((TnetValue.Dict)value).entries().forEach((k, v) ->
            {
                write(TnetValue.text(k), payload);
                write(v, payload);
            });
            frame(payload.toByteArray(), '}', out);
        }
    }

    private static void frame(byte[] payload, char type, ByteArrayOutputStream out)
    {
        out.writeBytes(ascii(payload.length + ":"));
        out.writeBytes(payload);
        out.write(type);
    }

    private static byte[] ascii(String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static GripFormatException error(int offset, String message)
    {
        return new GripFormatException("tnetstring: " + message + " at offset " + offset);
    }

    /** One decoding pass; {@link #value} leaves the value it read in {@code result}. */
    private static final class Decoder
    {
        private final byte[] data;
        private TnetValue result;

        Decoder(byte[] data)
        {
            this.data = data;
        }

        /** Reads the value starting at {@code at}, which must end by {@code limit}; returns its end. */
        int value(int at, int limit, int depth) throws GripFormatException
        {
            int i = at;
            long length = 0;
            while (i < limit && i - at < MAX_LENGTH_DIGITS + 1 && data[i] >= '0' && data[i] <= '9')
                length = length * 10 + (data[i++] - '0');
            if (i == at)
                throw error(at, i < limit ? "expected a length" : "expected a value");
            if (i - at > MAX_LENGTH_DIGITS)
                throw error(at, "length has more than " + MAX_LENGTH_DIGITS + " digits");
            if (i >= limit || data[i] != ':')
                throw error(i, "expected ':' after the length");
            int start = i + 1;
            // the type tag follows the payload, so it needs one byte more
            if (length > limit - start - 1L)
                throw error(at, "declared length " + length + " runs past the " + Math.max(0, limit - start)
                    + " bytes left");
            int end = start + (int)length;
            result = switch (data[end])
            {
                case ',' -> new TnetValue.Bytes(Arrays.copyOfRange(data, start, end));
                case '#' -> integer(start, end);
                case '^' -> real(start, end);
                case '!' -> bool(start, end);
                case '~' -> nothing(start, end);
                case ']' -> array(start, end, depth + 1);
                case '}' -> dict(start, end, depth + 1);
                default -> throw error(end, "unknown type tag '" + printable(data[end]) + "'");
            };
            return end + 1;
        }

        private TnetValue integer(int start, int end) throws GripFormatException
        {
            String text = new String(data, start, end - start, StandardCharsets.ISO_8859_1);
            try
            {
                if (INT.matcher(text).matches())
                    return new TnetValue.Int(Long.parseLong(text));
            }
            catch (NumberFormatException ignored)
            {
                // beyond 64 bits: reported below
            }
            throw error(start, "invalid integer");
        }

        private TnetValue real(int start, int end) throws GripFormatException
        {
            String text = new String(data, start, end - start, StandardCharsets.ISO_8859_1);
            if (!REAL.matcher(text).matches())
                throw error(start, "invalid float");
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value))
                throw error(start, "float out of range");
            return new TnetValue.Real(value);
        }

        private TnetValue bool(int start, int end) throws GripFormatException
        {
            String text = new String(data, start, end - start, StandardCharsets.ISO_8859_1);
            return switch (text)
            {
                case "true" -> new TnetValue.Bool(true);
                case "false" -> new TnetValue.Bool(false);
                default -> throw error(start, "invalid boolean");
            };
        }

        private TnetValue nothing(int start, int end) throws GripFormatException
        {
            if (end != start)
                throw error(start, "null with a payload");
            return new TnetValue.Null();
        }

        private TnetValue array(int start, int end, int depth) throws GripFormatException
        {
            checkDepth(start, depth);
            List<TnetValue> values = new ArrayList<>();
            for (int at = start; at < end; )
            {
                at = value(at, end, depth);
                values.add(result);
            }
            return new TnetValue.Array(values);
        }

        private TnetValue dict(int start, int end, int depth) throws GripFormatException
        {
            checkDepth(start, depth);
            Map<String, TnetValue> entries = new LinkedHashMap<>();
            for (int at = start; at < end; )
            {
                int keyAt = at;
                at = value(at, end, depth);
                if (!(result instanceof TnetValue.Bytes key))
                    throw error(keyAt, "dict key is not a byte string");
                if (at == end)
                    throw error(at, "dict key without a value");
                at = value(at, end, depth);
                entries.put(key.text(), result);
            }
            return new TnetValue.Dict(entries);
        }

        private static void checkDepth(int at, int depth) throws GripFormatException
        {
            if (depth > MAX_DEPTH)
                throw error(at, "nested deeper than " + MAX_DEPTH + " levels");
        }

        private static String printable(byte b)
        {
            return b >= 0x20 && b < 0x7f ? Character.toString(b) : String.format("\\x%02x", b & 0xff);
        }
    }
}
