// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class DirectWritesTest
{
    @Test
    void aContainerStreamWithWriteByteBufferGetsTheBytesAsABuffer() throws Exception
    {
        BufferStream out = new BufferStream();
        assertFalse(DirectWrites.write(out, "hello".getBytes(StandardCharsets.UTF_8)),
            "only Jetty's write(ByteBuffer) is known to bypass its buffer, so others still need a flush");
        assertEquals("buffer:hello", out.log.toString());
    }

    @Test
    void anyOtherStreamGetsAnArrayWrite() throws Exception
    {
        ArrayStream out = new ArrayStream();
        assertFalse(DirectWrites.write(out, "hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals("array:hello", out.log.toString());
    }

    public static class ArrayStream extends ServletOutputStream
    {
        final StringBuilder log = new StringBuilder();

        @Override
        public void write(int b)
        {
            log.append("byte");
        }

        @Override
        public void write(byte[] b)
        {
            log.append("array:").append(new String(b, StandardCharsets.UTF_8));
        }

        @Override
        public boolean isReady()
        {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener)
        {
        }
    }

    public static class BufferStream extends ArrayStream
    {
        public void write(ByteBuffer buffer)
        {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (buffer.hasRemaining())
                bytes.write(buffer.get());
            log.append("buffer:").append(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
