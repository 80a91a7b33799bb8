// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.format.GripFormatException;
import io.holdfast.instruct.WsControl;
import io.holdfast.instruct.WsControlParser;

/**
 * The GRIP control messages of one WebSocket (GRIP §7.3): subscriptions (with the route's channel
 * prefix, at most {@code connection_subscription_max}, the target's {@code sub=} channels fixed),
 * {@code detach}, {@code set-meta} and keep-alives on the proxy's timer. Invalid messages are
 * ignored, as Pushpin does. Thread-safe.
 */
final class WsGripControl
{
    private static final Logger LOG = LoggerFactory.getLogger(WsGripControl.class);

    private final WsSession session;
    private final WsEnvironment env;
    private final String channelPrefix;
    private final List<String> implicitChannels;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private volatile WsControl.KeepAlive keepAlive;
    private volatile ScheduledFuture<?> keepAliveTimer;
    private volatile boolean ended;

    WsGripControl(WsSession session, WsEnvironment env, String channelPrefix, List<String> implicitChannels)
    {
        this.session = session;
        this.env = env;
        this.channelPrefix = channelPrefix;
        this.implicitChannels = implicitChannels.stream().map(c -> channelPrefix + c).toList();
    }

    void subscribeImplicit()
    {
        implicitChannels.forEach(this::subscribe);
    }

    void handle(byte[] json)
    {
        Optional<WsControl> parsed;
        try
        {
            parsed = WsControlParser.parse(json);
        }
        catch (GripFormatException e)
        {
            LOG.debug("ignoring control message: {}", e.getMessage());
            return;
        }
        if (parsed.isEmpty() || ended)
            return;
        WsControl message = parsed.get();
        if (message instanceof WsControl.Subscribe subscribe)
        {
            if (channels.size() >= env.subscriptionMax())
                LOG.warn("too many subscriptions: ignoring channel '{}'", subscribe.channel());
            else
                subscribe(channelPrefix + subscribe.channel(), subscribe.filters(), subscribe.prevId());
        }
        else if (message instanceof WsControl.Unsubscribe unsubscribe)
        {
            String channel = channelPrefix + unsubscribe.channel();
            if (!implicitChannels.contains(channel) && channels.remove(channel))
                env.hub().unsubscribe(channel, session);
        }
        else if (message instanceof WsControl.Detach)
            session.detach();
        else if (message instanceof WsControl.SetMeta setMeta)
            session.setMeta(setMeta.name(), setMeta.value());
        else if (message instanceof WsControl.KeepAlive ka)
            keepAlive(ka);
    }

    Set<String> channels()
    {
        return Set.copyOf(channels);
    }

    /** Unsubscribes everything and stops keep-alives; the session has ended. */
    void endAll()
    {
        ended = true;
        cancelKeepAlive();
        for (String channel : channels)
            env.hub().unsubscribe(channel, session);
        channels.clear();
    }

    private void subscribe(String channel)
    {
        subscribe(channel, List.of(), Optional.empty());
    }

    private void subscribe(String channel, List<String> filters, Optional<String> prevId)
    {
        channels.add(channel);
        env.hub().subscribe(channel, session, prevId, filters);
        // A subscribe racing the session's end must not leave a subscription behind.
        if (ended && channels.remove(channel))
            env.hub().unsubscribe(channel, session);
    }

    private void keepAlive(WsControl.KeepAlive ka)
    {
        cancelKeepAlive();
        keepAlive = ka.content().isPresent() ? ka : null;
        if (keepAlive != null)
            schedule(ka.timeoutSeconds() * 1000L);
    }

    private void schedule(long delayMillis)
    {
        keepAliveTimer = env.timer().schedule(this::keepAliveDue, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void keepAliveDue()
    {
        WsControl.KeepAlive ka = keepAlive;
        ClientLeg sender = session.sender();
        if (ka == null || ended || sender == null)
            return;
        long periodMillis = ka.timeoutSeconds() * 1000L;
        long idleMillis = TimeUnit.NANOSECONDS.toMillis(env.nanoTime() - sender.lastSendNanos());
        if (!ka.interval() && idleMillis < periodMillis * 9 / 10)
        {
            schedule(periodMillis - idleMillis);
            return;
        }
        if (!sender.isBacklogged())
            session.toClient(message(ka));
        schedule(periodMillis);
    }

    private static ClientLeg.Outgoing message(WsControl.KeepAlive ka)
    {
        byte[] content = ka.content().orElseThrow();
        return switch (ka.type())
        {
            case TEXT -> new ClientLeg.Text(new String(content, StandardCharsets.UTF_8));
            case BINARY -> new ClientLeg.Binary(ByteBuffer.wrap(content).asReadOnlyBuffer());
            case PING -> new ClientLeg.Ping(ByteBuffer.wrap(content).asReadOnlyBuffer());
            case PONG -> new ClientLeg.Pong(ByteBuffer.wrap(content).asReadOnlyBuffer());
        };
    }

    private void cancelKeepAlive()
    {
        ScheduledFuture<?> timer = keepAliveTimer;
        if (timer != null)
            timer.cancel(false);
    }
}
