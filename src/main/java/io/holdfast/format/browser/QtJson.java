// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes JSON the way Pushpin's Qt serializer does, so wrapped responses match it byte for byte:
 * only {@code "}, {@code \} and control characters are escaped (control characters other than
 * {@code \b \f \n \r \t} as six-character escapes in lowercase hex), everything else is raw UTF-8, and objects
 * are compact with their keys in Qt's (UTF-16 code unit) order. Stateless.
 */
public final class QtJson
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private QtJson()
    {
    }

    /** Appends {@code text} as a quoted JSON string. */
    public static StringBuilder string(StringBuilder out, String text)
    {
        out.append('"');
        escapeInto(out, text);
        return out.append('"');
    }

    /** Characters a JSON dialect escapes beyond what JSON requires (SockJS escapes some). */
    @FunctionalInterface
    public interface ExtraEscapes
    {
        ExtraEscapes NONE = (text, index) -> false;

        /** True when {@code text.charAt(index)} must be written as a six-character escape. */
        boolean escapes(CharSequence text, int index);
    }

    /** Appends {@code text} escaped as the inside of a JSON string, without quotes. */
    public static StringBuilder escapeInto(StringBuilder out, CharSequence text)
    {
        return escapeInto(out, text, ExtraEscapes.NONE);
    }

    /** As {@link #escapeInto(StringBuilder, CharSequence)}, also escaping what {@code extra} names. */
    public static StringBuilder escapeInto(StringBuilder out, CharSequence text, ExtraEscapes extra)
    {
        for (int i = 0; i < text.length(); i++)
        {
            char c = text.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20 || extra.escapes(text, i))
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                            .append(HEX[c & 0xf]);
                    else
                        out.append(c);
                }
            }
        }
        return out;
    }

    /** Appends a compact object of string values; {@code sorted} must iterate in key order. */
    public static StringBuilder object(StringBuilder out, Map<String, String> sorted)
    {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : sorted.entrySet())
        {
            if (!first)
                out.append(',');
            first = false;
            string(out, entry.getKey()).append(':');
            string(out, entry.getValue());
        }
        return out.append('}');
    }

    /** Text received as raw bytes (a header value, a reason phrase) read as UTF-8, as Qt reads it. */
    public static String fromWire(String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (text.charAt(i) > 0xff)
                return text;
        }
        return QtUtf8.decode(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] utf8(CharSequence text)
    {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
