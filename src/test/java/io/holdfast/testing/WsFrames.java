// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RFC 6455 framing for test peers that must control every bit: a raw-socket origin and a client
 * that sends what a real client never would (unmasked frames, reserved bits, bad UTF-8).
 * <pre>
 *  byte 0: FIN RSV1 RSV2 RSV3 opcode(4)     byte 1: MASK len(7) [len16 | len64] [mask key(4)] payload
 * </pre>
 */
public final class WsFrames
{
    public static final int TEXT = 1;
    public static final int BINARY = 2;
    public static final int CLOSE = 8;
    public static final int PING = 9;
    public static final int PONG = 10;

    /** One frame as read. */
    public record Frame(int opcode, boolean fin, int rsv, byte[] payload)
    {
        public String text()
        {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code, or -1 when the close frame has none. */
        public int closeCode()
        {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }

        public String closeReason()
        {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    private WsFrames()
    {
    }

    public static byte[] encode(int opcode, byte[] payload, boolean mask)
    {
        return encode(opcode, true, 0, payload, mask);
    }

    public static byte[] encode(int opcode, boolean fin, int rsv, byte[] payload, boolean mask)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = mask ? 0x80 : 0;
        if (payload.length < 126)
            out.write(maskBit | payload.length);
        else if (payload.length < 65536)
        {
            out.write(maskBit | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        else
        {
            out.write(maskBit | 127);
            out.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        if (!mask)
        {
            out.writeBytes(payload);
            return out.toByteArray();
        }
        byte[] key = new byte[4];
        ThreadLocalRandom.current().nextBytes(key);
        out.writeBytes(key);
        for (int i = 0; i < payload.length; i++)
            out.write(payload[i] ^ key[i % 4]);
        return out.toByteArray();
    }

    public static byte[] close(int code, String reason, boolean mask)
    {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(2 + text.length).putShort((short)code).put(text);
        return encode(CLOSE, payload.array(), mask);
    }

    /** Reads one frame (unmasking it if masked). */
    public static Frame read(InputStream stream) throws IOException
    {
        DataInputStream in = new DataInputStream(stream);
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126)
            length = in.readUnsignedShort();
        else if (length == 127)
            length = in.readLong();
        byte[] key = null;
        if ((b1 & 0x80) != 0)
        {
            key = new byte[4];
            in.readFully(key);
        }
        byte[] payload = new byte[(int)length];
        in.readFully(payload);
        if (key != null)
        {
            for (int i = 0; i < payload.length; i++)
                payload[i] ^= key[i % 4];
        }
        return new Frame(b0 & 0x0f, (b0 & 0x80) != 0, (b0 >> 4) & 0x7, payload);
    }

    /** The Sec-WebSocket-Accept value for a key. */
    public static String accept(String key)
    {
        try
        {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        }
        catch (Exception e)
        {
            throw new IllegalStateException(e);
        }
    }
}
