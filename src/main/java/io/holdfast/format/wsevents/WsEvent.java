// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.wsevents;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One WebSocket-over-HTTP event ({@code application/websocket-events}): its type and its content,
 * which is empty when the event has none. Immutable and thread-safe; {@link WsEventCodec} reads and
 * writes the wire form.
 *
 * @param type    the event type
 * @param content the content; the canonical constructor keeps this array, so its caller must not
 *                change it afterwards (the factories and the decoder pass private copies, and
 *                {@link #content()} hands out copies)
 */
public record WsEvent(Type type, byte[] content)
{
    /** The event types of the WebSocket-over-HTTP protocol; the names are the wire names. */
    public enum Type
    {
        OPEN, TEXT, BINARY, PING, PONG, CLOSE, DISCONNECT
    }

    private static final byte[] EMPTY = new byte[0];

    /**
     * @throws IllegalArgumentException if OPEN or DISCONNECT has content, or CLOSE has 1 byte of
     *                                  content (a close code takes 2)
     */
    public WsEvent
    {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(content, "content");
        if ((type == Type.OPEN || type == Type.DISCONNECT) && content.length > 0)
        {
            throw new IllegalArgumentException(type + " event has no content");
        }
        if (type == Type.CLOSE && content.length == 1)
        {
            throw new IllegalArgumentException("CLOSE content is empty or a 2-byte code and a reason");
        }
    }

    public static WsEvent open()
    {
        return new WsEvent(Type.OPEN, EMPTY);
    }

    /** A text message; the string is sent as UTF-8. */
    public static WsEvent text(String text)
    {
        return new WsEvent(Type.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A text message from bytes that are already UTF-8; they are copied, not checked. */
    public static WsEvent text(byte[] utf8)
    {
        return new WsEvent(Type.TEXT, utf8.clone());
    }

    public static WsEvent binary(byte[] data)
    {
        return new WsEvent(Type.BINARY, data.clone());
    }

    public static WsEvent ping(byte[] data)
    {
        return new WsEvent(Type.PING, data.clone());
    }

    public static WsEvent pong(byte[] data)
    {
        return new WsEvent(Type.PONG, data.clone());
    }

    /** A close with a code (sent as 2 bytes, big-endian) and a reason (UTF-8, may be empty). */
    public static WsEvent close(int code, String reason)
    {
        if (code < 0 || code > 0xffff)
        {
            throw new IllegalArgumentException("close code " + code + " does not fit in 2 bytes");
        }
        byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[2 + utf8.length];
        content[0] = (byte) (code >> 8);
        content[1] = (byte) code;
        System.arraycopy(utf8, 0, content, 2, utf8.length);
        return new WsEvent(Type.CLOSE, content);
    }

    /** A close without a status code, as Pushpin sends for a client close frame with no payload. */
    public static WsEvent closeWithoutCode()
    {
        return new WsEvent(Type.CLOSE, EMPTY);
    }

    /** The client (or origin) went away without a close handshake. */
    public static WsEvent disconnect()
    {
        return new WsEvent(Type.DISCONNECT, EMPTY);
    }

    /** A copy of the content. */
    @Override
    public byte[] content()
    {
        return content.clone();
    }

    public int contentLength()
    {
        return content.length;
    }

    /** The content as a read-only buffer, without copying it. */
    public ByteBuffer contentBuffer()
    {
        return ByteBuffer.wrap(content).asReadOnlyBuffer();
    }

    /** The content decoded as UTF-8; malformed bytes become U+FFFD. */
    public String contentAsString()
    {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The close status code, or empty when the CLOSE has no content. */
    public OptionalInt closeCode()
    {
        requireClose();
        return content.length == 0
            ? OptionalInt.empty()
            : OptionalInt.of(((content[0] & 0xff) << 8) | (content[1] & 0xff));
    }

    /**
     * The close reason, empty when there is none. Malformed UTF-8 becomes U+FFFD, as Pushpin's
     * {@code QString::fromUtf8} does before it closes the client.
     */
    public String closeReason()
    {
        requireClose();
        return content.length == 0 ? "" : new String(content, 2, content.length - 2, StandardCharsets.UTF_8);
    }

    // package-private: the encoder writes the array without the copy content() makes
    byte[] contentArray()
    {
        return content;
    }

    private void requireClose()
    {
        if (type != Type.CLOSE)
        {
            throw new IllegalStateException(type + " event is not a CLOSE");
        }
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof WsEvent e && type == e.type && Arrays.equals(content, e.content);
    }

    @Override
    public int hashCode()
    {
        return 31 * type.hashCode() + Arrays.hashCode(content);
    }

    /** The type and, for short content, the content in hex; for logs and test failures. */
    @Override
    public String toString()
    {
        if (content.length == 0)
        {
            return type.name();
        }
        String hex = HexFormat.of().formatHex(content, 0, Math.min(content.length, 32));
        return type + "[" + content.length + " bytes: " + hex + (content.length > 32 ? "...]" : "]");
    }
}
