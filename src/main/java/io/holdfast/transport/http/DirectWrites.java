// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;

import jakarta.servlet.ServletOutputStream;

/**
 * Writes a held response's bytes through the container's {@code write(ByteBuffer)} where it has
 * one (Servlet 6.1; Jetty's {@code HttpOutput} and Tomcat 11's output stream), else through
 * {@code write(byte[])}. Jetty copies a {@code byte[]} write into an aggregation buffer (32 kB of
 * direct memory) and keeps it until the response ends, which for a hold is its whole life; a
 * {@code ByteBuffer} write goes to the connection as it is. Stateless and thread-safe.
 */
final class DirectWrites
{
    private static final MethodType WRITE_BUFFER = MethodType.methodType(void.class, ByteBuffer.class);
    private static final MethodType CALL = MethodType.methodType(void.class, ServletOutputStream.class, ByteBuffer.class);

    /** A container class's write(ByteBuffer) (null: none usable) and whether it bypasses buffering. */
    private record Writer(MethodHandle handle, boolean writesThrough)
    {
    }

    // Looked up once per container class, never per write.
    private static final ClassValue<Writer> WRITERS = new ClassValue<>()
    {
        @Override
        protected Writer computeValue(Class<?> type)
        {
            // Jetty's write(ByteBuffer) always writes through; Tomcat's appends to its buffer.
            boolean jetty = type.getName().startsWith("org.eclipse.jetty.");
            try
            {
                return new Writer(MethodHandles.publicLookup().findVirtual(type, "write", WRITE_BUFFER).asType(CALL), jetty);
            }
            catch (NoSuchMethodException | IllegalAccessException | RuntimeException absent)
            {
                return new Writer(null, false);
            }
        }
    };

    private DirectWrites()
    {
    }

    /**
     * Writes {@code bytes}; true when they went to the connection unbuffered, so no flush is
     * needed (Jetty), false when the container may hold them until a flush.
     */
    static boolean write(ServletOutputStream out, byte[] bytes) throws IOException
    {
        Writer writer = WRITERS.get(out.getClass());
        if (writer.handle() == null)
        {
            out.write(bytes);
            return false;
        }
        try
        {
            writer.handle().invokeExact(out, ByteBuffer.wrap(bytes));
            return writer.writesThrough();
        }
        catch (IOException | RuntimeException | Error e)
        {
            throw e;
        }
        catch (Throwable impossible)
        {
            throw new IOException(impossible);
        }
    }
}
