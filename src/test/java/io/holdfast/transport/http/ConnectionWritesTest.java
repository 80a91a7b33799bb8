// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

import jakarta.servlet.ServletRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ConnectionWrites} against a connection's writer as the container passes it: found by the
 * attribute name holdfast-jetty.jar sets, declining for good, finishing at once or later, failing.
 */
class ConnectionWritesTest
{
    private final List<String> handed = new ArrayList<>();
    private final List<Throwable> told = new ArrayList<>();
    private Consumer<Throwable> pending;
    private ConnectionWrites current;

    @Test
    void theAttributeIsTheOneHoldfastsJettyConnectionSets() throws ReflectiveOperationException
    {
        Field name = Class.forName("io.holdfast.jetty.ChunkWrites").getDeclaredField("ATTRIBUTE");
        name.setAccessible(true);
        assertEquals(name.get(null), ConnectionWrites.ATTRIBUTE);
    }

    @Test
    void noWriterNoWrites()
    {
        assertNull(ConnectionWrites.of(request(null), told::add));
        assertNull(ConnectionWrites.of(request("not a writer"), told::add));
    }

    @Test
    void writtenAtOnceLeavesItFreeAndTellsNobody() throws IOException
    {
        ConnectionWrites writes = writes((data, done) ->
        {
            handed.add(text(data));
            writes().finished(null);
            return true;
        });
        assertTrue(writes.write(bytes("one")));
        assertFalse(writes.busy());
        assertEquals(List.of("one"), handed);
    }

    @Test
    void writtenLaterKeepsItBusyUntilTheOutputIsTold() throws IOException
    {
        ConnectionWrites writes = writes((data, done) ->
        {
            handed.add(text(data));
            pending = done;
            return true;
        });
        assertTrue(writes.write(bytes("one")));
        assertTrue(writes.busy());
        pending.accept(null);
        assertEquals(1, told.size());
        assertNull(told.get(0));
        assertTrue(writes.finished(null), "a finish after the hand-over is the output's to act on");
        assertFalse(writes.busy());
    }

    @Test
    void declinedOnceNeverAskedAgain() throws IOException
    {
        ConnectionWrites writes = writes((data, done) ->
        {
            handed.add(text(data));
            return false;
        });
        assertFalse(writes.write(bytes("one")));
        assertFalse(writes.usable());
        assertFalse(writes.busy());
        assertEquals(List.of("one"), handed);
    }

    @Test
    void aFailureAtOnceIsThrown()
    {
        IOException reset = new IOException("reset");
        ConnectionWrites writes = writes((data, done) ->
        {
            writes().finished(reset);
            return true;
        });
        assertSame(reset, assertThrows(IOException.class, () -> writes.write(bytes("one"))));
        assertFalse(writes.busy());
        ConnectionWrites other = writes((data, done) ->
        {
            writes().finished(new IllegalStateException("closed"));
            return true;
        });
        assertEquals("closed", assertThrows(IOException.class, () -> other.write(bytes("one"))).getCause().getMessage());
    }

    private ConnectionWrites writes()
    {
        return current;
    }

    private ConnectionWrites writes(BiPredicate<ByteBuffer, Consumer<Throwable>> connection)
    {
        current = ConnectionWrites.of(request(connection), told::add);
        return current;
    }

    private static ServletRequest request(Object attribute)
    {
        return (ServletRequest)Proxy.newProxyInstance(ServletRequest.class.getClassLoader(), new Class<?>[]{ServletRequest.class},
            (proxy, method, args) ->
            {
                if (method.getName().equals("getAttribute") && ConnectionWrites.ATTRIBUTE.equals(args[0]))
                    return attribute;
                throw new UnsupportedOperationException(method.getName());
            });
    }

    private static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer data)
    {
        return StandardCharsets.UTF_8.decode(data).toString();
    }
}
