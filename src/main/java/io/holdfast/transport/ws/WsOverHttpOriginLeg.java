// SPDX-License-Identifier: Apache-2.0
// Over 300 lines: one connection's request pipeline (batching, keep-alive polling, retries with
// back-off) shares one lock and one in-flight request; the retry policy is the part to split out next.
package io.holdfast.transport.ws;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.HeaderField;
import io.holdfast.format.wsevents.WsEvent;
import io.holdfast.format.wsevents.WsEventCodec;

/**
 * The origin leg to a stateless HTTP origin speaking WebSocket-over-HTTP (GRIP §7.4): every
 * exchange is a {@code POST} of {@code application/websocket-events} to the client's URI, with a
 * stable {@code Connection-Id}, the connection's {@code Meta-*} and a fresh {@code Grip-Sig}; the
 * response's events go to the client. At most one request is in flight; events that arrive
 * meanwhile are batched into the next (one each with {@code one_event}). {@code Keep-Alive-Interval}
 * makes the leg poll when idle; connect errors are retried with back-off. Thread-safe.
 */
public final class WsOverHttpOriginLeg implements OriginLeg
{
    private static final Logger LOG = LoggerFactory.getLogger(WsOverHttpOriginLeg.class);
    static final String EVENTS = "application/websocket-events";
    /** Pushpin's limit on the content of one request's events. */
    private static final int BATCH_BYTES = 200_000;
    private static final int REFUSAL_BODY_LIMIT = 100_000;
    /** Pushpin polls no more often than this, whatever the origin asks. */
    static final int MIN_KEEP_ALIVE_SECONDS = 20;
    private static final long[] RETRY_SECONDS = {1, 2, 4, 8, 16};
    private static final long OPEN_TIMEOUT_SECONDS = 30;

    private final HttpClient httpClient;
    private final URI uri;
    private final List<HeaderField> clientHeaders;
    private final Supplier<String> gripSig;
    private final WsEnvironment env;
    private final boolean oneEvent;
    private final int keepAliveFloorSeconds;
    private final String connectionId;
    private final WsOverHttpMeta meta = new WsOverHttpMeta();
    private final ArrayDeque<WsEvent> pending = new ArrayDeque<>();
    private Listener listener;
    private boolean inFlight;
    private boolean closeSent;
    private boolean refreshWanted;
    private boolean ended;
    private int keepAliveSeconds;
    private ScheduledFuture<?> keepAliveTimer;

    /**
     * @param uri the origin's http(s) URI: the client's path (rewritten by the route) and query
     * @param clientHeaders the client's headers as the proxy forwards them, without {@code Grip-Sig}
     * @param gripSig a fresh {@code Grip-Sig} token for each request (a connection can outlive one)
     * @param oneEvent the target's {@code one_event}: at most one event per request
     * @param connectionId the connection's id, sent as {@code Connection-Id} (and what a command
     *                     socket {@code refresh} names)
     */
    public WsOverHttpOriginLeg(HttpClient httpClient, URI uri, List<HeaderField> clientHeaders, Supplier<String> gripSig,
                               WsEnvironment env, boolean oneEvent, String connectionId)
    {
        this(httpClient, uri, clientHeaders, gripSig, env, oneEvent, connectionId, MIN_KEEP_ALIVE_SECONDS);
    }

    /** As above, with the shortest keep-alive interval honoured (tests do not wait 20 s). */
    WsOverHttpOriginLeg(HttpClient httpClient, URI uri, List<HeaderField> clientHeaders, Supplier<String> gripSig,
                        WsEnvironment env, boolean oneEvent, String connectionId, int keepAliveFloorSeconds)
    {
        this.connectionId = connectionId;
        this.keepAliveFloorSeconds = keepAliveFloorSeconds;
        this.httpClient = httpClient;
        this.uri = uri;
        this.clientHeaders = List.copyOf(clientHeaders);
        this.gripSig = gripSig;
        this.env = env;
        this.oneEvent = oneEvent;
    }

    public String connectionId()
    {
        return connectionId;
    }

    @Override
    public HandshakeAnswer open(Listener listener) throws IOException
    {
        this.listener = listener;
        ContentResponse response;
        try
        {
            CompletableResponseListener responseListener = new CompletableResponseListener(request(List.of(WsEvent.open())),
                WsEventCodec.MAX_BODY);
            response = responseListener.send().get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening", e);
        }
        catch (ExecutionException | TimeoutException e)
        {
            throw new IOException(e.getCause() == null ? e : e.getCause());
        }
        List<HeaderField> headers = WsOverHttpMeta.fields(response.getHeaders());
        if (response.getStatus() != 200 || !isEvents(response.getMediaType()))
        {
            byte[] body = response.getContent();
            return new HandshakeAnswer.Rejected(response.getStatus(), Optional.ofNullable(response.getReason()), headers,
                body.length > REFUSAL_BODY_LIMIT ? Arrays.copyOf(body, REFUSAL_BODY_LIMIT) : body);
        }
        List<WsEvent> events;
        try
        {
            events = WsEventCodec.decode(response.getContent());
        }
        catch (GripFormatException e)
        {
            return badGateway("undecodable OPEN response: " + e.getMessage());
        }
        synchronized (this)
        {
            meta.apply(headers);
            keepAlive(headers);
        }
        if (events.isEmpty() && keepAliveSeconds == 0 || !events.isEmpty() && events.get(0).type() != WsEvent.Type.OPEN)
            return badGateway("the response to OPEN did not start with OPEN");
        dispatch(events.subList(events.isEmpty() ? 0 : 1, events.size()));
        scheduleKeepAlive();
        return new HandshakeAnswer.Accepted(WsOverHttpMeta.passedToClient(headers),
            headers.stream().filter(h -> h.is("Sec-WebSocket-Protocol")).map(HeaderField::value).findFirst());
    }

    @Override
    public void sendText(String text)
    {
        enqueue(WsEvent.text(text));
    }

    @Override
    public void sendBinary(ByteBuffer data)
    {
        enqueue(WsEvent.binary(bytes(data)));
    }

    @Override
    public void sendPing(ByteBuffer data)
    {
        enqueue(WsEvent.ping(bytes(data)));
    }

    @Override
    public void sendPong(ByteBuffer data)
    {
        enqueue(WsEvent.pong(bytes(data)));
    }

    @Override
    public void close(int code, String reason)
    {
        synchronized (this)
        {
            if (closeSent || ended)
                return;
            closeSent = true;
        }
        enqueue(code < 0 ? WsEvent.closeWithoutCode() : WsEvent.close(code, reason));
    }

    @Override
    public void disconnect()
    {
        synchronized (this)
        {
            if (closeSent || ended)
                return;
            closeSent = true;
        }
        enqueue(WsEvent.disconnect());
    }

    /** Makes a request now, events or not (the command socket's {@code refresh}). */
    @Override
    public void refresh()
    {
        synchronized (this)
        {
            // One request at a time: a refresh that comes meanwhile is made once that one is answered.
            if (inFlight)
            {
                refreshWanted = true;
                return;
            }
        }
        flush(true);
    }

    private void enqueue(WsEvent event)
    {
        synchronized (this)
        {
            if (ended)
                return;
            pending.add(event);
        }
        flush(false);
    }

    private void flush(boolean evenIfEmpty)
    {
        List<WsEvent> batch;
        synchronized (this)
        {
            if (inFlight || ended || pending.isEmpty() && !evenIfEmpty)
                return;
            batch = takeBatch();
            inFlight = true;
            cancelKeepAlive();
        }
        send(batch, 0);
    }

    // Called with the monitor held.
    private List<WsEvent> takeBatch()
    {
        List<WsEvent> batch = new ArrayList<>();
        long bytes = 0;
        while (!pending.isEmpty())
        {
            WsEvent next = pending.peek();
            if (!batch.isEmpty() && (oneEvent || bytes + next.contentLength() > BATCH_BYTES))
                break;
            batch.add(pending.poll());
            bytes += next.contentLength();
        }
        return batch;
    }

    private void send(List<WsEvent> batch, int attempt)
    {
        Request request = request(batch);
        new CompletableResponseListener(request, WsEventCodec.MAX_BODY).send().whenComplete((response, failure) ->
        {
            if (failure != null)
                failed(batch, attempt, failure);
            else
                answered(batch, response);
        });
    }

    private Request request(List<WsEvent> events)
    {
        Request request = httpClient.newRequest(uri).method("POST").timeout(0, TimeUnit.MILLISECONDS);
        request.headers(headers ->
        {
            for (HeaderField header : clientHeaders)
                headers.add(header.name(), header.value());
            headers.put("Grip-Sig", gripSig.get());
            headers.put("Sec-WebSocket-Extensions", "grip");
            headers.put("Accept", EVENTS);
            headers.put("Connection-Id", connectionId);
            synchronized (this)
            {
                meta.addTo(headers);
            }
        });
        request.body(new BytesRequestContent(EVENTS, WsEventCodec.encode(events)));
        return request;
    }

    private void answered(List<WsEvent> batch, ContentResponse response)
    {
        if (response.getStatus() != 200 || !isEvents(response.getMediaType()))
        {
            end(new IOException("origin answered " + response.getStatus() + " " + response.getMediaType()));
            return;
        }
        List<WsEvent> events;
        try
        {
            events = WsEventCodec.decode(response.getContent());
        }
        catch (GripFormatException e)
        {
            end(new IOException("undecodable origin response: " + e.getMessage()));
            return;
        }
        List<HeaderField> headers = WsOverHttpMeta.fields(response.getHeaders());
        boolean sentClose = batch.stream().anyMatch(e -> e.type() == WsEvent.Type.CLOSE || e.type() == WsEvent.Type.DISCONNECT);
        boolean refresh;
        synchronized (this)
        {
            meta.apply(headers);
            keepAlive(headers);
            inFlight = false;
            refresh = refreshWanted;
            refreshWanted = false;
        }
        dispatch(events);
        if (sentClose)
        {
            // After our CLOSE the origin's answer was its last chance to close cleanly.
            if (events.stream().noneMatch(e -> e.type() == WsEvent.Type.CLOSE))
                end(null);
            return;
        }
        flush(refresh);
        scheduleKeepAlive();
    }

    private void failed(List<WsEvent> batch, int attempt, Throwable failure)
    {
        boolean connectError = failure instanceof ConnectException || failure.getCause() instanceof ConnectException;
        if (connectError && attempt < RETRY_SECONDS.length)
        {
            long delay = RETRY_SECONDS[attempt] * 1000 + (long)(Math.random() * 1000);
            LOG.debug("WebSocket-over-HTTP request failed to connect, retrying in {} ms", delay);
            env.timer().schedule(() -> send(batch, attempt + 1), delay, TimeUnit.MILLISECONDS);
            return;
        }
        end(failure);
    }

    private void dispatch(List<WsEvent> events)
    {
        for (WsEvent event : events)
        {
            switch (event.type())
            {
                case TEXT -> listener.onText(event.contentAsString());
                case BINARY -> listener.onBinary(event.contentBuffer());
                case PING -> listener.onPing(event.contentBuffer());
                case PONG -> listener.onPong(event.contentBuffer());
                case CLOSE ->
                {
                    synchronized (this)
                    {
                        ended = true;
                    }
                    listener.onClose(event.closeCode().orElse(-1), event.closeReason());
                    return;
                }
                case DISCONNECT, OPEN ->
                {
                    // OPEN after the first exchange is an error; both mean the connection is gone.
                    end(new IOException("origin sent " + event.type()));
                    return;
                }
            }
        }
    }

    private void end(Throwable failure)
    {
        synchronized (this)
        {
            if (ended)
                return;
            ended = true;
            inFlight = false;
            pending.clear();
            cancelKeepAlive();
        }
        if (failure != null)
            LOG.info("WebSocket-over-HTTP connection {} ended: {}", connectionId, failure.toString());
        listener.onFailure(failure == null ? new IOException("origin did not close") : failure);
    }

    // Called with the monitor held.
    private void keepAlive(List<HeaderField> headers)
    {
        headers.stream().filter(h -> h.is("Keep-Alive-Interval")).findFirst().ifPresent(h ->
        {
            int seconds;
            try
            {
                seconds = Integer.parseInt(h.value().trim());
            }
            catch (NumberFormatException e)
            {
                seconds = 0;
            }
            keepAliveSeconds = seconds <= 0 ? 0 : Math.max(seconds, keepAliveFloorSeconds);
        });
    }

    private void scheduleKeepAlive()
    {
        synchronized (this)
        {
            cancelKeepAlive();
            if (keepAliveSeconds > 0 && !ended && !inFlight)
                keepAliveTimer = env.timer().schedule(() -> flush(true), keepAliveSeconds, TimeUnit.SECONDS);
        }
    }

    // Called with the monitor held.
    private void cancelKeepAlive()
    {
        if (keepAliveTimer != null)
        {
            keepAliveTimer.cancel(false);
            keepAliveTimer = null;
        }
    }

    private HandshakeAnswer badGateway(String why)
    {
        LOG.info("WebSocket-over-HTTP open refused: {}", why);
        return new HandshakeAnswer.Rejected(502, Optional.empty(), List.of(new HeaderField("Content-Type", "text/plain")),
            "Error while proxying to origin.\n".getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isEvents(String mediaType)
    {
        return mediaType != null && mediaType.trim().equalsIgnoreCase(EVENTS);
    }

    private static byte[] bytes(ByteBuffer data)
    {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return bytes;
    }
}
