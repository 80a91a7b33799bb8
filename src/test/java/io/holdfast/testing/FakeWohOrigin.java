// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;

import io.holdfast.format.wsevents.WsEvent;
import io.holdfast.format.wsevents.WsEventCodec;

/**
 * A WebSocket-over-HTTP origin (GRIP §7.4) on the JDK's HTTP server: each POST's events are
 * recorded with its headers, and answered from a script the test queues ({@link #answer}); when
 * the script is empty it answers {@code 200} with no events.
 */
public final class FakeWohOrigin implements AutoCloseable
{
    /** One request as the origin received it. */
    public record Exchange(FakeOrigin.RecordedRequest request, List<WsEvent> events)
    {
        public String header(String name)
        {
            return request.header(name);
        }
    }

    private record Answer(int status, String events, String[] headers)
    {
    }

    private final FakeOrigin origin;
    private final BlockingQueue<Answer> script = new LinkedBlockingQueue<>();
    private final BlockingQueue<Exchange> exchanges = new LinkedBlockingQueue<>();
    private volatile CountDownLatch gate;

    public FakeWohOrigin(String path) throws IOException
    {
        origin = new FakeOrigin();
        origin.on(path, this::handle);
    }

    public int port()
    {
        return origin.port();
    }

    /** Queues the answer to the next request: events as text ("OPEN\r\nTEXT 2\r\nhi\r\n"), header pairs. */
    public FakeWohOrigin answer(String events, String... headerPairs)
    {
        return answer(200, events, headerPairs);
    }

    public FakeWohOrigin answer(int status, String body, String... headerPairs)
    {
        script.add(new Answer(status, body, headerPairs));
        return this;
    }

    /** Requests are recorded but not answered until {@link #release()}. */
    public void hold()
    {
        gate = new CountDownLatch(1);
    }

    public void release()
    {
        CountDownLatch current = gate;
        gate = null;
        if (current != null)
            current.countDown();
    }

    public Exchange take() throws InterruptedException
    {
        Exchange exchange = exchanges.poll(5, TimeUnit.SECONDS);
        if (exchange == null)
            throw new AssertionError("the origin received no WebSocket-over-HTTP request");
        return exchange;
    }

    private void handle(HttpExchange exchange) throws IOException
    {
        FakeOrigin.RecordedRequest request = new FakeOrigin.RecordedRequest(exchange.getRequestMethod(),
            exchange.getRequestURI().toString(), exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes());
        List<WsEvent> events;
        try
        {
            events = WsEventCodec.decode(request.body());
        }
        catch (Exception e)
        {
            throw new IOException(e);
        }
        exchanges.add(new Exchange(request, events));
        CountDownLatch current = gate;
        if (current != null)
        {
            try
            {
                current.await(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }
        Answer answer = script.poll();
        if (answer == null)
            answer = new Answer(200, "", new String[0]);
        String[] headers = answer.status() == 200 && !hasContentType(answer.headers())
            ? concat(answer.headers(), "Content-Type", "application/websocket-events")
            : answer.headers();
        FakeOrigin.respond(exchange, answer.status(), answer.events().getBytes(StandardCharsets.ISO_8859_1), headers);
    }

    private static boolean hasContentType(String[] pairs)
    {
        for (int i = 0; i < pairs.length; i += 2)
        {
            if (pairs[i].equalsIgnoreCase("Content-Type"))
                return true;
        }
        return false;
    }

    private static String[] concat(String[] a, String... b)
    {
        String[] both = new String[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Override
    public void close()
    {
        origin.close();
    }
}
