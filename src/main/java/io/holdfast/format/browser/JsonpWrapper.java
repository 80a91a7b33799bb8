// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.holdfast.format.HeaderField;

/**
 * The script a JSONP client gets in place of a complete response (GRIP §8.2), in Pushpin's two
 * spellings: a proxied or one-shot response is written as {@code {"code": 200, "reason": ...}}
 * with the first value of each header, while a held long-poll's answer is a compact object with
 * sorted keys and repeated headers joined. Basic mode wraps the body alone, minus one trailing
 * newline. Stateless.
 */
public final class JsonpWrapper
{
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding");

    private JsonpWrapper()
    {
    }

    /** A proxied or one-shot response wrapped as Pushpin's request session does. */
    public static byte[] wrapOneShot(String callback, boolean extended, int code, String reason,
                                     List<HeaderField> headers, byte[] body)
    {
        if (!extended)
            return basic(callback, body);
        StringBuilder out = new StringBuilder(body.length + 256);
        out.append(start(callback, code, reason, headers));
        QtJson.escapeInto(out, decode(body));
        return QtJson.utf8(out.append(end(true)));
    }

    /** A held long-poll's answer (published or timed out) wrapped as Pushpin's HTTP session does. */
    public static byte[] wrapHeld(String callback, boolean extended, int code, String reason,
                                  List<HeaderField> headers, byte[] body)
    {
        if (!extended)
            return basic(callback, body);
        // Keys in Qt order: body, code, headers, reason.
        StringBuilder out = new StringBuilder(body.length + 256).append("/**/").append(callback).append("({\"body\":");
        QtJson.string(out, decode(body));
        out.append(",\"code\":").append(code).append(",\"headers\":");
        QtJson.object(out, joined(headers));
        out.append(",\"reason\":");
        QtJson.string(out, QtJson.fromWire(reason));
        return QtJson.utf8(out.append("});\n"));
    }

    /** Everything before the escaped body of an extended one-shot wrapper. */
    static String start(String callback, int code, String reason, List<HeaderField> headers)
    {
        StringBuilder out = new StringBuilder(256).append("/**/").append(callback).append("({\"code\": ").append(code)
            .append(", \"reason\": ");
        QtJson.string(out, QtJson.fromWire(reason)).append(", \"headers\": ");
        return QtJson.object(out, firstValues(headers)).append(", \"body\": \"").toString();
    }

    static String end(boolean extended)
    {
        return extended ? "\"});\n" : ");\n";
    }

    /** The body as Pushpin reads it (see {@link QtUtf8}). */
    static String decode(byte[] body)
    {
        return QtUtf8.decode(body);
    }

    private static byte[] basic(String callback, byte[] body)
    {
        int length = body.length - trailingNewline(body, body.length);
        byte[] prefix = ("/**/" + callback + "(").getBytes(StandardCharsets.UTF_8);
        byte[] suffix = end(false).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[prefix.length + length + suffix.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, length);
        System.arraycopy(suffix, 0, out, prefix.length + length, suffix.length);
        return out;
    }

    /** Length of the {@code \r\n} or {@code \n} that ends {@code bytes[0, length)}, or 0. */
    static int trailingNewline(byte[] bytes, int length)
    {
        if (length >= 2 && bytes[length - 2] == '\r' && bytes[length - 1] == '\n')
            return 2;
        return length >= 1 && bytes[length - 1] == '\n' ? 1 : 0;
    }

    /** Connection-level headers describe the hop from the origin, not the response. */
    private static boolean isHopByHop(HeaderField header)
    {
        return HOP_BY_HOP.contains(header.name().toLowerCase(Locale.ROOT));
    }

    /** Header name to its first value; names differing in case stay apart, as in Pushpin. */
    private static Map<String, String> firstValues(List<HeaderField> headers)
    {
        Map<String, String> map = new TreeMap<>();
        for (HeaderField header : headers)
        {
            if (!isHopByHop(header))
                map.putIfAbsent(header.name(), QtJson.fromWire(header.value()));
        }
        return map;
    }

    /** Header name (first spelling) to all its values joined with {@code ", "}. */
    private static Map<String, String> joined(List<HeaderField> headers)
    {
        Map<String, String> byLower = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, String> map = new TreeMap<>();
        for (HeaderField header : headers)
        {
            if (isHopByHop(header))
                continue;
            String value = QtJson.fromWire(header.value());
            String name = byLower.putIfAbsent(header.name(), header.name());
            if (name == null)
                map.put(header.name(), value);
            else
                map.put(name, map.get(name) + ", " + value);
        }
        return map;
    }
}
