// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.wsevents;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.wsevents.WsEvent.Type;

/**
 * Reads and writes {@code application/websocket-events} bodies (WebSocket-over-HTTP): each event
 * is its type name, then, when it has content, a space, the content length in hex, CRLF, the
 * content and CRLF:
 * <pre>{@code
 * OPEN\r\n
 * TEXT 1a\r\n
 * abcdefghijklmnopqrstuvwxyz\r\n
 * PING\r\n
 * CLOSE 5\r\n
 * \x03\xe8bye\r\n
 * }</pre>
 * Pure, static and thread-safe; the WebSocket-over-HTTP origin leg calls it for each exchange.
 */
public final class WsEventCodec
{
    /** Pushpin's limit on an origin's response body ({@code RESPONSE_BODY_MAX}). */
    public static final int MAX_BODY = 1_000_000;

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] CRLF = {'\r', '\n'};
    // the longest name, DISCONNECT, is 10 bytes; reading a few more shows what an unknown name was
    private static final int NAME_SHOWN = 16;

    private WsEventCodec()
    {
    }

    /**
     * Writes events as Pushpin does (checked against Pushpin 1.36): the length in lower-case hex,
     * and no length at all when the content is empty, so an empty text message is {@code TEXT\r\n}.
     */
    public static byte[] encode(List<WsEvent> events)
    {
        long size = 0;
        for (WsEvent event : events)
        {
            size += encodedSize(event);
        }
        if (size > Integer.MAX_VALUE - 8)
        {
            throw new IllegalArgumentException(size + " bytes of events do not fit in one body");
        }
        byte[] out = new byte[(int) size];
        int at = 0;
        for (WsEvent event : events)
        {
            at = put(out, at, event.type().name().getBytes(StandardCharsets.US_ASCII));
            byte[] content = event.contentArray();
            if (content.length > 0)
            {
                out[at++] = ' ';
                at = put(out, at, Integer.toHexString(content.length).getBytes(StandardCharsets.US_ASCII));
                at = put(out, at, CRLF);
                at = put(out, at, content);
            }
            at = put(out, at, CRLF);
        }
        return out;
    }

    /** The number of bytes {@link #encode} writes for this event, for batching events into requests. */
    public static long encodedSize(WsEvent event)
    {
        // the last CRLF ends the type line, or the content when there is some
        long size = event.type().name().length() + CRLF.length;
        int length = event.contentLength();
        if (length > 0)
        {
            size += 1 + Integer.toHexString(length).length() + CRLF.length + length;
        }
        return size;
    }

    /**
     * Reads a body; an empty body is zero events. Stricter than Pushpin, which skips unknown types
     * and does not check what follows a content: every byte must belong to a well-formed event of a
     * known, upper-case type, lines end with CRLF, and the length is bare hex digits (either case).
     * A declared length is checked against the bytes present before anything is copied, so the
     * content copies together never exceed the body.
     *
     * @throws GripFormatException naming what is wrong and its byte offset
     */
    public static List<WsEvent> decode(byte[] body) throws GripFormatException
    {
        if (body.length > MAX_BODY)
        {
            throw new GripFormatException("body of " + body.length + " bytes exceeds the limit of " + MAX_BODY);
        }
        List<WsEvent> events = new ArrayList<>();
        int at = 0;
        while (at < body.length)
        {
            int start = at;
            Type type = type(body, start);
            at = start + type.name().length();
            byte[] content = EMPTY;
            if (at < body.length && body[at] == ' ')
            {
                int digits = at + 1;
                at = hexEnd(body, digits);
                if (at == digits)
                {
                    throw error(type, start, "expected a hex content length at offset " + at + ", found "
                        + describe(body, at));
                }
                at = crlf(body, at, type, start, "after the content length");
                int length = length(body, digits, at - 2, at, type, start);
                if (length > 0)
                {
                    content = Arrays.copyOfRange(body, at, at + length);
                }
                at = crlf(body, at + length, type, start, "after the content");
            }
            else
            {
                at = crlf(body, at, type, start, "after the type");
            }
            events.add(event(type, content, start));
        }
        return events;
    }

    /** The type whose name starts at {@code start}, followed by a space, CR, LF or the end. */
    private static Type type(byte[] body, int start) throws GripFormatException
    {
        int end = start;
        while (end < body.length && end - start < NAME_SHOWN && !isDelimiter(body[end]))
        {
            end++;
        }
        if (end == start)
        {
            throw new GripFormatException("expected an event type at offset " + start + ", found "
                + describe(body, start));
        }
        String name = new String(body, start, end - start, StandardCharsets.ISO_8859_1);
        for (Type type : Type.values())
        {
            // names are case-sensitive: Pushpin ignores "text" as an unknown type
            if (type.name().equals(name))
            {
                return type;
            }
        }
        String more = end < body.length && !isDelimiter(body[end]) ? "..." : "";
        throw new GripFormatException("unknown event type \"" + escape(body, start, end) + more
            + "\" at offset " + start);
    }

    private static boolean isDelimiter(byte b)
    {
        return b == ' ' || b == '\r' || b == '\n';
    }

    private static int hexEnd(byte[] body, int at)
    {
        while (at < body.length && Character.digit(body[at], 16) >= 0)
        {
            at++;
        }
        return at;
    }

    /** The hex length in {@code body[from, to)}, which must fit in the bytes after {@code contentAt}. */
    private static int length(byte[] body, int from, int to, int contentAt, Type type, int start)
        throws GripFormatException
    {
        int left = body.length - contentAt;
        long length = 0;
        for (int i = from; i < to; i++)
        {
            length = length * 16 + Character.digit(body[i], 16);
            // stop before a long run of digits can overflow
            if (length > left)
            {
                throw error(type, start, "content length " + escape(body, from, Math.min(to, from + NAME_SHOWN))
                    + (to - from > NAME_SHOWN ? "..." : "") + " (hex) at offset " + from
                    + " exceeds the " + left + " bytes left");
            }
        }
        return (int) length;
    }

    /** Checks for CRLF at {@code at} and returns the offset after it. */
    private static int crlf(byte[] body, int at, Type type, int start, String where) throws GripFormatException
    {
        if (at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n')
        {
            return at + 2;
        }
        String found = at < body.length && body[at] == '\r'
            ? "CR and then " + describe(body, at + 1)
            : describe(body, at);
        throw error(type, start, "expected CRLF " + where + " at offset " + at + ", found " + found);
    }

    private static WsEvent event(Type type, byte[] content, int start) throws GripFormatException
    {
        if ((type == Type.OPEN || type == Type.DISCONNECT) && content.length > 0)
        {
            String bytes = content.length == 1 ? " byte" : " bytes";
            throw error(type, start, "has " + content.length + bytes + " of content; it takes none");
        }
        if (type == Type.CLOSE && content.length == 1)
        {
            throw error(type, start, "has 1 byte of content; it takes none or a 2-byte code and a reason");
        }
        return new WsEvent(type, content);
    }

    private static GripFormatException error(Type type, int start, String what)
    {
        return new GripFormatException(type + " event at offset " + start + ": " + what);
    }

    private static String describe(byte[] body, int at)
    {
        if (at >= body.length)
        {
            return "end of body";
        }
        return switch (body[at])
        {
            case '\r' -> "CR";
            case '\n' -> "LF";
            case ' ' -> "space";
            default -> "'" + escape(body, at, at + 1) + "'";
        };
    }

    /** Printable ASCII as is, anything else as {@code \xNN}, so messages stay one clean line. */
    private static String escape(byte[] body, int from, int to)
    {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++)
        {
            int b = body[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\')
            {
                out.append((char) b);
            }
            else
            {
                out.append(String.format("\\x%02x", b));
            }
        }
        return out.toString();
    }

    private static int put(byte[] out, int at, byte[] bytes)
    {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }
}
