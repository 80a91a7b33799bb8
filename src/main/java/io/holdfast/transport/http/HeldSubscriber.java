// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.util.List;
import java.util.Map;

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
    private final String connectionId;
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
        this.connectionId = env.activity().connectionOpened(kind, request.getRemoteAddr(), request.isSecure());
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

    /** Subscribes to every channel, in its predecessor's place if it has one; done before anything is sent to the client. */
    final void subscribeAll()
    {
        Subscriber from = predecessor;
        predecessor = null;
        for (ChannelSpec channel : channels)
            env.hub().subscribe(channel.name(), this, channel.prevId(), channel.filters(), from);
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

    /** Unsubscribes from every channel and reports the connection closed; called once, when the hold ends. */
    final void unsubscribeAll()
    {
        for (ChannelSpec channel : channels)
            env.hub().unsubscribe(channel.name(), this);
        env.activity().connectionClosed(connectionId);
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
