// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletRequest;

import io.holdfast.hub.Subscriber;
import io.holdfast.instruct.ChannelSpec;
import io.holdfast.stats.ConnectionKind;

/**
 * What every held HTTP request has in common: the channels it is subscribed to (with their
 * prev-ids and filters), its subscription meta, how it recovers from its origin, and its entry in
 * the hub's activity record (held from construction until {@link #unsubscribeAll}). Subclasses decide
 * what delivery means. Thread-safe.
 */
abstract class HeldSubscriber implements Subscriber
{
    final HoldEnvironment env;
    private volatile List<ChannelSpec> channels;
    private final Map<String, String> meta;
    private final Recovery recovery;
    private final boolean recheckWhenFirst;
    private final ConnectionKind kind;
    private final String peerAddress;
    private final boolean secure;
    // Reported held from the first subscribe, not from construction: a hold whose client left while
    // it was being opened may fail before that, and nothing would report it closed.
    private volatile String connectionId;
    private final AtomicBoolean ended = new AtomicBoolean();
    // Taken over on the first subscribe only: once it has left, later (re)subscriptions are plain ones.
    private volatile Subscriber predecessor;

    HeldSubscriber(HoldEnvironment env, ServletRequest request, Subscriptions subscriptions, ConnectionKind kind)
    {
        this.recheckWhenFirst = subscriptions.recheckWhenFirst();
        this.env = env;
        this.channels = subscriptions.channels();
        this.meta = subscriptions.meta();
        this.recovery = subscriptions.recovery();
        this.predecessor = subscriptions.predecessor();
        this.kind = kind;
        this.peerAddress = request.getRemoteAddr();
        this.secure = request.isSecure();
    }

    @Override
    public final boolean recheckWhenFirst()
    {
        return recheckWhenFirst;
    }

    @Override
    public final Map<String, String> meta()
    {
        return meta;
    }

    /**
     * Subscribes to every channel, in its predecessor's place if it has one; done before anything is
     * sent to the client. A hold that has ended (its client left while it was being opened, or the
     * first item a catch-up gave it answered it) is left subscribed to nothing.
     */
    final void subscribeAll()
    {
        if (connectionId == null)
            connectionId = env.activity().connectionOpened(kind, peerAddress, secure);
        Subscriber from = predecessor;
        predecessor = null;
        for (ChannelSpec channel : channels)
        {
            if (ended.get())
                break;
            env.hub().subscribe(channel.name(), this, channel.prevId(), channel.filters(), from);
        }
        // An end that came while subscribing may have left before some of these were made.
        if (ended.get())
            leave();
    }

    /** From now on, what is published to its channels waits for the hold that will take its place. */
    final void pauseAll()
    {
        for (ChannelSpec channel : channels)
            env.hub().pause(channel.name(), this);
    }

    /**
     * Switches to {@code next} (a next link's answer may name new channels): channels no longer
     * wanted are left, the others (re)subscribed with their new prev-ids and filters.
     */
    final synchronized void replaceChannels(List<ChannelSpec> next)
    {
        List<ChannelSpec> previous = channels;
        channels = List.copyOf(next);
        for (ChannelSpec channel : previous)
        {
            if (next.stream().noneMatch(c -> c.name().equals(channel.name())))
                env.hub().unsubscribe(channel.name(), this);
        }
        subscribeAll();
    }

    /** Unsubscribes from every channel and reports the connection closed, when the hold ends. Idempotent. */
    final void unsubscribeAll()
    {
        if (ended.compareAndSet(false, true))
            leave();
    }

    // Both may run for one hold (see subscribeAll); each step is idempotent.
    private void leave()
    {
        for (ChannelSpec channel : channels)
            env.hub().unsubscribe(channel.name(), this);
        String id = connectionId;
        if (id != null)
            env.activity().connectionClosed(id);
    }

    /** The last item id this subscriber has on each channel that tracks ids. */
    final Map<String, String> lastIds()
    {
        return env.hub().lastIds(this, channels.stream().map(ChannelSpec::name).toList());
    }

    final void refetch(Map<String, String> lastIds)
    {
        recovery.refetch(lastIds);
    }
}
