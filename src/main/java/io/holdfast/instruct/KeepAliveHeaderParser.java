// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.HeaderField;

/**
 * Parses {@code Grip-Keep-Alive: <data>; format=raw|cstring|base64; timeout=<s>; mode=idle|interval}
 * (pushpin-spec §3.2). Only the first such header counts and its value is not split at commas, so
 * the data may contain them. The timeout is returned as given; the caller applies the minimum.
 * Pure and thread-safe.
 */
final class KeepAliveHeaderParser
{
    /** Seconds of idleness before a keep-alive when the header gives no {@code timeout}. */
    static final int DEFAULT_TIMEOUT = 55;

    private KeepAliveHeaderParser()
    {
    }

    static Optional<KeepAlive> parse(List<HeaderField> headers) throws GripFormatException
    {
        Optional<String> raw = HeaderValues.first(headers, "Grip-Keep-Alive");
        if (raw.isEmpty() || raw.get().isEmpty())
        {
            return Optional.empty();
        }
        // A broken quoted parameter makes Pushpin ignore the whole header rather than fail.
        Optional<HeaderItem> parsed = HeaderValues.parseItem(raw.get());
        if (parsed.isEmpty())
        {
            return Optional.empty();
        }
        HeaderItem item = parsed.get();
        if (item.value().isEmpty())
        {
            throw new GripFormatException("Grip-Keep-Alive cannot be empty");
        }
        KeepAlive.Mode mode = mode(item.param("mode").orElse(""));
        int timeout = DEFAULT_TIMEOUT;
        if (item.has("timeout"))
        {
            OptionalInt t = item.param("timeout").map(HeaderValues::parseInt).orElse(OptionalInt.empty());
            if (t.isEmpty())
            {
                throw new GripFormatException("failed to parse Grip-Keep-Alive timeout value");
            }
            if (t.getAsInt() < 0)
            {
                throw new GripFormatException("Grip-Keep-Alive timeout has invalid value");
            }
            timeout = t.getAsInt();
        }
        return Optional.of(new KeepAlive(content(item.value(), item.param("format").orElse("")), timeout, mode));
    }

    private static KeepAlive.Mode mode(String mode) throws GripFormatException
    {
        return switch (mode)
        {
            case "", "idle" -> KeepAlive.Mode.IDLE;
            case "interval" -> KeepAlive.Mode.INTERVAL;
            default -> throw new GripFormatException("no such Grip-Keep-Alive mode '" + mode + "'");
        };
    }

    private static byte[] content(String value, String format) throws GripFormatException
    {
        return switch (format)
        {
            case "", "raw" -> value.getBytes(StandardCharsets.UTF_8);
            case "cstring" -> unescape(value);
            case "base64" -> LenientBase64.decode(value);
            default -> throw new GripFormatException("no such Grip-Keep-Alive format '" + format + "'");
        };
    }

    /**
     * Decodes {@code \\ \r \n \xHH}. Pushpin silently drops any other escape ({@code \t} yields
     * nothing, verified against 1.36), so this does too; a trailing backslash or a bad
     * {@code \x} is an error.
     */
    static byte[] unescape(String value) throws GripFormatException
    {
        byte[] in = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int n = 0; n < in.length; n++)
        {
            if (in[n] != '\\')
            {
                out.write(in[n]);
                continue;
            }
            if (++n >= in.length)
            {
                throw cstringError();
            }
            switch (in[n])
            {
                case '\\' -> out.write('\\');
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 'x' ->
                {
                    if (n + 2 >= in.length)
                    {
                        throw cstringError();
                    }
                    int hi = Character.digit(in[n + 1], 16);
                    int lo = Character.digit(in[n + 2], 16);
                    if (hi == -1 || lo == -1)
                    {
                        throw cstringError();
                    }
                    out.write((hi << 4) + lo);
                    n += 2;
                }
                default ->
                {
                    // dropped, as in Pushpin
                }
            }
        }
        return out.toByteArray();
    }

    private static GripFormatException cstringError()
    {
        return new GripFormatException("failed to parse Grip-Keep-Alive cstring format");
    }
}
