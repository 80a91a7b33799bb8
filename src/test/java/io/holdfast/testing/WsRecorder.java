// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real WebSocket client (the JDK's) whose events are recorded in order, so asynchronous tests
 * read sequentially: {@code assertText}, {@code assertBinary}, {@code assertClose}, with a timeout
 * instead of sleeps (OkHttp's WebSocketRecorder).
 */
public final class WsRecorder implements WebSocket.Listener, AutoCloseable
{
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** One recorded event: kind is text, binary, ping, pong, close or error. */
    public record Event(String kind, String text, byte[] data, int code)
    {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** Pings are kept apart: the proxy's liveness pings may come between any two messages. */
    private final BlockingQueue<Event> pings = new LinkedBlockingQueue<>();
    private final AtomicInteger pingCount = new AtomicInteger();
    private final StringBuilder partialText = new StringBuilder();
    private WebSocket socket;

    /** Connects to {@code path} on {@code port}; waits for the handshake. */
    public static WsRecorder connect(int port, String path, String... headerPairs) throws Exception
    {
        WsRecorder recorder = new WsRecorder();
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i < headerPairs.length; i += 2)
        {
            if (headerPairs[i].equalsIgnoreCase("Sec-WebSocket-Protocol"))
                builder.subprotocols(headerPairs[i + 1]);
            else
                builder.header(headerPairs[i], headerPairs[i + 1]);
        }
        recorder.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), recorder).get(10, TimeUnit.SECONDS);
        return recorder;
    }

    public WebSocket socket()
    {
        return socket;
    }

    public void sendText(String text) throws Exception
    {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    public void sendBinary(byte[] data) throws Exception
    {
        socket.sendBinary(ByteBuffer.wrap(data), true).get(5, TimeUnit.SECONDS);
    }

    public Event next() throws InterruptedException
    {
        Event event = events.poll(5, TimeUnit.SECONDS);
        if (event == null)
            throw new AssertionError("no WebSocket event arrived");
        return event;
    }

    /** How many pings have arrived so far (answered by the JDK client by itself). */
    public int pingsReceived()
    {
        return pingCount.get();
    }

    /** The next ping received (the JDK client answers pings by itself). */
    public Event nextPing() throws InterruptedException
    {
        Event event = pings.poll(5, TimeUnit.SECONDS);
        if (event == null)
            throw new AssertionError("no ping arrived");
        return event;
    }

    /** The next event if one arrives within {@code millis}, else null. */
    public Event poll(long millis) throws InterruptedException
    {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }

    public void assertText(String expected) throws InterruptedException
    {
        Event event = next();
        if (!event.kind.equals("text") || !event.text.equals(expected))
            throw new AssertionError("expected text '" + expected + "' but got " + describe(event));
    }

    public void assertBinary(byte[] expected) throws InterruptedException
    {
        Event event = next();
        if (!event.kind.equals("binary") || !java.util.Arrays.equals(event.data, expected))
            throw new AssertionError("expected binary " + java.util.Arrays.toString(expected) + " but got " + describe(event));
    }

    public void assertClose(int code, String reason) throws InterruptedException
    {
        Event event = next();
        if (!event.kind.equals("close") || event.code != code || !event.text.equals(reason))
            throw new AssertionError("expected close " + code + " '" + reason + "' but got " + describe(event));
    }

    private static String describe(Event event)
    {
        return event.kind + (event.text != null ? " '" + event.text + "'" : "") + (event.code != 0 ? " " + event.code : "");
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last)
    {
        partialText.append(data);
        if (last)
        {
            events.add(new Event("text", partialText.toString(), null, 0));
            partialText.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last)
    {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        events.add(new Event("binary", null, bytes, 0));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message)
    {
        pingCount.incrementAndGet();
        pings.add(new Event("ping", StandardCharsets.UTF_8.decode(message).toString(), null, 0));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message)
    {
        events.add(new Event("pong", StandardCharsets.UTF_8.decode(message).toString(), null, 0));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason)
    {
        events.add(new Event("close", reason, null, statusCode));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error)
    {
        events.add(new Event("error", String.valueOf(error), null, 0));
    }

    @Override
    public void close()
    {
        if (socket != null && !socket.isOutputClosed())
            socket.abort();
    }
}
