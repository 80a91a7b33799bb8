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
        Field head = Class.forName("io.holdfast.jetty.ChunkWrites").getDeclaredField("HEAD_ATTRIBUTE");
        head.setAccessible(true);
        assertEquals(head.get(null), ConnectionWrites.HEAD_ATTRIBUTE);
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
        ConnectionWrites writes = writes(recording(false));
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

    @Test
    void theHeadGoesOutOnceThenChunksFollow() throws IOException
    {
        writes((data, done) ->
        {
            handed.add("chunk " + text(data));
            writes().finished(null);
            return true;
        }, (data, done) ->
        {
            handed.add("head " + text(data));
            pending = done;
            return true;
        });
        assertTrue(current.writeHead(bytes("body")));
        assertTrue(current.busy(), "a head written later keeps the connection busy");
        pending.accept(null);
        assertTrue(current.finished(null));
        assertTrue(current.write(bytes("one")));
        assertFalse(current.writeHead(bytes("again")), "a response has one head");
        assertEquals(List.of("head body", "chunk one"), handed);
    }

    @Test
    void aDeclinedHeadLeavesTheResponseToTheContainerAndItsChunksStillUsable() throws IOException
    {
        writes((data, done) -> false, (data, done) ->
        {
            handed.add("head " + text(data));
            return false;
        });
        assertFalse(current.writeHead(bytes("body")));
        assertFalse(current.busy());
        assertTrue(current.usable());
        assertFalse(current.writeHead(bytes("body")));
        assertEquals(List.of("head body"), handed);
    }

    @Test
    void withoutAHeadWriterTheHeadIsDeclined() throws IOException
    {
        ConnectionWrites writes = writes(recording(true));
        assertFalse(writes.writeHead(bytes("body")));
        assertFalse(writes.busy());
        assertEquals(List.of(), handed);
    }

    @Test
    void aHeadThatFailsAtOnceIsThrown()
    {
        IOException reset = new IOException("reset");
        writes((data, done) -> true, (data, done) ->
        {
            writes().finished(reset);
            return true;
        });
        assertSame(reset, assertThrows(IOException.class, () -> current.writeHead(bytes("body"))));
        assertFalse(current.busy());
    }

    // Notes what it is handed, writing nothing; takes it or declines it.
    private BiPredicate<ByteBuffer, Consumer<Throwable>> recording(boolean takes)
    {
        return (data, done) ->
        {
            handed.add(text(data));
            return takes;
        };
    }

    private ConnectionWrites writes()
    {
        return current;
    }

    private ConnectionWrites writes(BiPredicate<ByteBuffer, Consumer<Throwable>> connection)
    {
        return writes(connection, null);
    }

    private ConnectionWrites writes(BiPredicate<ByteBuffer, Consumer<Throwable>> chunks,
                                    BiPredicate<ByteBuffer, Consumer<Throwable>> head)
    {
        current = ConnectionWrites.of(request(chunks, head), told::add);
        return current;
    }

    private static ServletRequest request(Object attribute)
    {
        return request(attribute, null);
    }

    private static ServletRequest request(Object chunks, Object head)
    {
        return (ServletRequest)Proxy.newProxyInstance(ServletRequest.class.getClassLoader(), new Class<?>[]{ServletRequest.class},
            (proxy, method, args) ->
            {
                if (method.getName().equals("getAttribute") && ConnectionWrites.ATTRIBUTE.equals(args[0]))
                    return chunks;
                if (method.getName().equals("getAttribute") && ConnectionWrites.HEAD_ATTRIBUTE.equals(args[0]))
                    return head;
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
