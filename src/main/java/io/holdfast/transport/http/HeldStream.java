// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;

import io.holdfast.format.item.FormatKind;
import io.holdfast.format.item.HttpStreamFormat;
import io.holdfast.hub.Delivery;
import io.holdfast.instruct.ChannelSpec;
import io.holdfast.instruct.KeepAlive;
import io.holdfast.instruct.ResponseSpec;
import io.holdfast.stats.ConnectionKind;
import io.holdfast.transport.ResponseHeads;
import io.holdfast.transport.ResponseKind;

/**
 * A held HTTP stream ({@code Grip-Hold: stream}, SSE included): the origin's response head and
 * body go out at once, chunked, then each published {@code http-stream} content is appended.
 * Ends on a published {@code close} (clean chunked end), the client leaving, or the client falling
 * further behind than the queue bounds allow, which drops the connection so the client can
 * reconnect and recover rather than silently miss items. Thread-safe.
 */
public final class HeldStream extends HeldSubscriber
{
    private final ClientOutput output;
    private volatile Optional<KeepAlive> keepAlive;
    private volatile ScheduledFuture<?> keepAliveTimer;
    private volatile long lastDeliveryNanos;
    /** When content was last offered to the client: an idle keep-alive waits for this much quiet. */
    private volatile long lastSendNanos;
    /** Orders published content against a next link's answer ({@link #continueWith}). */
    private final Object sequence = new Object();

    private HeldStream(HoldEnvironment env, AsyncContext async, Subscriptions subscriptions, Optional<KeepAlive> keepAlive,
                       ConnectionKind kind)
    {
        super(env, async.getRequest(), subscriptions, kind);
        this.keepAlive = keepAlive;
        this.lastDeliveryNanos = this.lastSendNanos = env.nanoTime();
        this.output = new ClientOutput(async, env.queueMessages(), env.queueBytes(), env.metrics(), env.writers(),
            env.departures(), this::closed);
    }

    /**
     * Queues the response's body, subscribes, then starts writing: an item published while the head
     * is being written, or one the channel's history catches the stream up with, queues behind the
     * body instead of being missed or overtaking it.
     */
    public static HeldStream open(HoldEnvironment env, AsyncContext async, ResponseSpec start, Subscriptions subscriptions,
                                  Optional<KeepAlive> keepAlive)
        throws IOException
    {
        boolean events = start.headers().stream().anyMatch(header -> header.name().equalsIgnoreCase("Content-Type")
            && header.value().toLowerCase(Locale.ROOT).startsWith("text/event-stream"));
        HeldStream stream = new HeldStream(env, async, subscriptions, keepAlive,
            events ? ConnectionKind.SSE : ConnectionKind.STREAM);
        HttpServletResponse response = stream.output.response();
        // No Connection: Transfer-Encoding, which Pushpin adds: it tells a client nothing (Transfer-Encoding
        // is hop-by-hop already), and HTTP/2 forbids connection-specific headers.
        try
        {
            ResponseHeads.apply(async.getRequest(), response, start, ResponseKind.STREAM);
            stream.output.offer(start.body());
            stream.subscribeAll();
            stream.output.start();
        }
        catch (IOException | RuntimeException clientGone)
        {
            // Its client left while it was being opened (the request is done with): nothing may stay subscribed.
            stream.closed();
            throw clientGone;
        }
        keepAlive.ifPresent(k -> stream.scheduleKeepAlive(k.timeoutSeconds() * 1000L));
        return stream;
    }

    /** Its client has gone (see {@link ClientOutput#clientLeft()}): the hold ends. Idempotent. */
    public void clientLeft()
    {
        output.clientLeft();
    }

    @Override
    public FormatKind takes()
    {
        return FormatKind.HTTP_STREAM;
    }

    @Override
    public void deliver(Delivery delivery)
    {
        HttpStreamFormat format = delivery.item().httpStream().orElseThrow();
        // One clock reading per delivery serves the next link's quiet period and the idle keep-alive.
        long now = env.nanoTime();
        lastDeliveryNanos = now;
        switch (format.action())
        {
            case SEND -> sendInSequence(format.content(), delivery, now);
            case CLOSE -> output.finish();
            case HINT -> recover();
        }
    }

    @Override
    public void recover()
    {
        refetch(lastIds());
    }

    // Only the queueing is locked: a hint's recovery starts a fetch, which takes no part in the
    // ordering and should not run under the lock.
    private void sendInSequence(byte[] content, Delivery delivery, long now)
    {
        synchronized (sequence)
        {
            send(content, delivery.publishedNanos(), delivery.fanOut(), now);
        }
    }

    /** Appends bytes to the stream (what a recovery fetched): written at once, not timed. */
    public void send(byte[] content)
    {
        send(content, 0, 0, env.nanoTime());
    }

    private void send(byte[] content, long publishedNanos, int fanOut, long now)
    {
        lastSendNanos = now;
        if (!output.offer(content, publishedNanos, fanOut))
        {
            env.metrics().slowClientClosed();
            output.abort();
        }
    }

    /** Ends the stream cleanly after what is queued (a next link said there is no more). */
    public void finish()
    {
        output.finish();
    }

    public boolean isClosed()
    {
        return output.isClosed();
    }

    /** The last item id this stream has on each channel that tracks ids (for {@code Grip-Last}). */
    public Map<String, String> channelLastIds()
    {
        return lastIds();
    }

    /** When an item was last delivered; next links are fetched after a quiet period. */
    public long lastDeliveryNanos()
    {
        return lastDeliveryNanos;
    }

    /**
     * A next link's answer (GRIP §9.2): its channels take effect before its body is queued, and no
     * delivery comes between the two. So an item published once the client has that body is
     * sequenced against the answer's prev-ids, and one delivered earlier still precedes the body.
     */
    public void continueWith(byte[] body, List<ChannelSpec> channels, Optional<KeepAlive> newKeepAlive)
    {
        synchronized (sequence)
        {
            replaceChannels(channels);
            send(body);
        }
        if (newKeepAlive.isPresent())
        {
            ScheduledFuture<?> timer = keepAliveTimer;
            if (timer != null)
                timer.cancel(false);
            keepAlive = newKeepAlive;
            scheduleKeepAlive(newKeepAlive.get().timeoutSeconds() * 1000L);
        }
    }

    private void scheduleKeepAlive(long delayMillis)
    {
        // Up to a tenth earlier at random, so streams opened together do not all fire together.
        long jitter = (long)(Math.random() * (delayMillis / 10 + 1));
        keepAliveTimer = env.timer().schedule(this::keepAliveDue, delayMillis - jitter, TimeUnit.MILLISECONDS);
    }

    private void keepAliveDue()
    {
        if (output.isClosed())
            return;
        KeepAlive ka = keepAlive.orElseThrow();
        long periodMillis = ka.timeoutSeconds() * 1000L;
        long idleMillis = TimeUnit.NANOSECONDS.toMillis(env.nanoTime() - lastSendNanos);
        if (ka.mode() == KeepAlive.Mode.IDLE && idleMillis < periodMillis * 9 / 10)
        {
            scheduleKeepAlive(periodMillis - idleMillis);
            return;
        }
        // Only a client that keeps up gets keep-alives: they would just pile onto a backlog.
        if (!output.isBacklogged())
            send(ka.content());
        scheduleKeepAlive(periodMillis);
    }

    private void closed()
    {
        ScheduledFuture<?> timer = keepAliveTimer;
        if (timer != null)
            timer.cancel(false);
        unsubscribeAll();
    }
}
