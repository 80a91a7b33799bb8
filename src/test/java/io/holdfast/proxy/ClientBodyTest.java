// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failure reading the client's body is marked as the client's, and always reaches the origin request. */
class ClientBodyTest
{
    private final StubInput input = new StubInput();
    private final List<Throwable> aborted = new ArrayList<>();
    private final ClientBody body = new ClientBody(stub(HttpServletRequest.class, (name, args) -> switch (name)
    {
        case "getInputStream" -> input;
        case "getContentLengthLong" -> 10L;
        default -> throw new UnsupportedOperationException(name);
    }), 1000);
    private final Request.Content source = body.newSource(stub(Request.class, (name, args) ->
    {
        if (!name.equals("abort"))
            throw new UnsupportedOperationException(name);
        aborted.add((Throwable)args[0]);
        return CompletableFuture.completedFuture(true);
    }));
    private int demanded;

    @Test
    void aFailureWhileTheOriginRequestWaitsForTheBodyIsReadByIt()
    {
        source.demand(() -> demanded++);
        body.onError(new EofException("Early EOF"));
        assertEquals(1, demanded);
        Content.Chunk chunk = source.read();
        assertTrue(Content.Chunk.isFailure(chunk, true));
        assertEquals(400, ClientFault.of(chunk.getFailure()).orElseThrow().status());
        assertEquals(List.of(), aborted, "Jetty's client aborts the request with the failure it reads");
    }

    @Test
    void aFailureWhileTheOriginRequestAsksForNothingAbortsIt()
    {
        source.demand(() -> demanded++);
        input.ready = true;
        body.onDataAvailable();
        assertEquals("hello", text(source.read()));
        // The origin request is busy sending those bytes and has not asked for more.
        body.onError(new EofException("Early EOF"));
        assertEquals(1, demanded);
        assertEquals(1, aborted.size());
        assertEquals(400, ClientFault.of(aborted.get(0)).orElseThrow().status());
        assertSame(aborted.get(0), source.read().getFailure(), "the same failure, should it read again");
    }

    @Test
    void waitsForTheClientOnlyWhileTheOriginRequestAsksForBytesNotYetSent()
    {
        assertFalse(body.waitingForClient());
        source.demand(() -> demanded++);
        assertTrue(body.waitingForClient());
        input.ready = true;
        body.onDataAvailable();
        assertFalse(body.waitingForClient(), "the bytes are there, for the origin request to take");
        source.read();
        source.demand(() -> demanded++);
        assertTrue(body.waitingForClient());
        body.onError(new EofException());
        assertFalse(body.waitingForClient());
    }

    @Test
    void aMalformedBodyThrownByTheContainerIsTheClients()
    {
        source.demand(() -> demanded++);
        input.ready = true;
        input.failure = new HttpException.RuntimeException(400, "Bad chunk");
        Content.Chunk chunk = source.read();
        assertInstanceOf(ExchangeFailures.ClientBodyFailure.class, chunk.getFailure());
        assertEquals(400, ClientFault.of(chunk.getFailure()).orElseThrow().status());
    }

    @Test
    void aBodyGrowingPastTheLimitIsCutOff()
    {
        source.demand(() -> demanded++);
        input.ready = true;
        input.data = new byte[1001];
        Content.Chunk chunk = source.read();
        assertInstanceOf(ExchangeFailures.RequestTooLarge.class, chunk.getFailure());
        assertEquals(413, ClientFault.of(chunk.getFailure()).orElseThrow().status());
    }

    @Test
    void aBodyReadInFullIsKeptForResending()
    {
        source.demand(() -> demanded++);
        input.ready = true;
        assertEquals("hello", text(source.read()));
        input.finished = true;
        assertTrue(source.read().isLast());
        assertEquals("hello", new String(body.retained().orElseThrow()));
        assertFalse(body.tooLargeToRetain());
    }

    @Test
    void aRequestWithoutABodyKeepsAnEmptyOne()
    {
        source.demand(() -> demanded++);
        input.finished = true;
        assertTrue(source.read().isLast());
        assertEquals(0, body.retained().orElseThrow().length);
        assertFalse(body.tooLargeToRetain());
    }

    @Test
    void aBodyPastTheRetainLimitIsNotKept()
    {
        ClientBody unlimited = new ClientBody(stub(HttpServletRequest.class, (name, args) -> switch (name)
        {
            case "getInputStream" -> input;
            case "getContentLengthLong" -> -1L;
            default -> throw new UnsupportedOperationException(name);
        }), 0);
        Request.Content unlimitedSource = unlimited.newSource(stub(Request.class, (name, args) ->
        {
            throw new UnsupportedOperationException(name);
        }));
        unlimitedSource.demand(() -> demanded++);
        input.data = new byte[16 * 1024];
        for (long read = 0; read <= ClientBody.RETAIN_LIMIT; read += input.data.length)
        {
            input.ready = true;
            assertEquals(input.data.length, unlimitedSource.read().remaining());
        }
        input.finished = true;
        assertTrue(unlimitedSource.read().isLast());
        assertTrue(unlimited.tooLargeToRetain());
        assertTrue(unlimited.retained().isEmpty());
    }

    private static String text(Content.Chunk chunk)
    {
        byte[] bytes = new byte[chunk.remaining()];
        chunk.getByteBuffer().get(bytes);
        return new String(bytes);
    }

    @FunctionalInterface
    private interface Answer
    {
        Object answer(String method, Object[] args);
    }

    private static <T> T stub(Class<T> type, Answer answer)
    {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
            (proxy, method, args) -> answer.answer(method.getName(), args)));
    }

    /** Has {@link #data} to read when {@link #ready}, or throws {@link #failure}. */
    private static final class StubInput extends ServletInputStream
    {
        boolean ready;
        boolean finished;
        byte[] data = "hello".getBytes();
        RuntimeException failure;

        @Override
        public boolean isFinished()
        {
            return finished;
        }

        @Override
        public boolean isReady()
        {
            return ready;
        }

        @Override
        public void setReadListener(ReadListener listener)
        {
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException
        {
            if (failure != null)
                throw failure;
            System.arraycopy(data, 0, buffer, offset, data.length);
            ready = false;
            return data.length;
        }

        @Override
        public int read()
        {
            throw new UnsupportedOperationException();
        }
    }
}
