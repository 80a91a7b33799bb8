// SPDX-License-Identifier: Apache-2.0
package io.holdfast.stats;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.holdfast.format.item.FormatKind;

/**
 * The record of what the hub and the transports are doing, for the stats socket and the command
 * socket's {@code conncheck}: which client connections are held (each with an id), how many
 * subscribers each channel has per kind, and counters per reporting interval. The hub reports
 * subscriptions and deliveries; each transport reports its connections opening and closing.
 * Thread-safe; the listener is called on the reporting thread, sometimes under a channel's lock,
 * so it must only queue.
 */
public final class HubActivity
{
    private static final long MINUTE_MILLIS = 60_000;
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /**
     * Loaded with the hub: a held request that ends while Tomcat undeploys reports after the webapp's
     * class loader stopped loading classes.
     */
    static final List<Class<? extends HubEvent>> EVENT_TYPES = List.of(HubEvent.Connected.class,
        HubEvent.Disconnected.class, HubEvent.Subscribed.class, HubEvent.Unsubscribed.class, HubEvent.Delivered.class);

    private final String instanceId;
    private final LongSupplier clockMillis;
    private final AtomicLong nextConnection = new AtomicLong();
    private final ConcurrentHashMap<String, Held> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Map.Entry<FormatKind, String>, Integer> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong httpResponseSent = new AtomicLong();
    private volatile Consumer<HubEvent> listener = event ->
    {
    };
    // guarded by this
    private int connectionsMax;
    private int connectionsPeak;
    private long minutes;
    private long intervalStart;

    /** A held connection and the point up to which its minutes are counted (guarded by the activity). */
    private static final class Held
    {
        final HubEvent.Connected info;
        final ConnectionKind kind;
        long countedUntil;

        Held(HubEvent.Connected info, ConnectionKind kind, long countedUntil)
        {
            this.info = info;
            this.kind = kind;
            this.countedUntil = countedUntil;
        }
    }

    public HubActivity(LongSupplier clockMillis)
    {
        this.clockMillis = clockMillis;
        int n = INSTANCES.incrementAndGet();
        // several deployments in one JVM (tests, redeploys) keep distinct ids
        this.instanceId = "holdfast_" + ProcessHandle.current().pid() + (n == 1 ? "" : "-" + n);
        this.intervalStart = clockMillis.getAsLong();
    }

    /** Who reports: the {@code from} of stats messages and the prefix of connection ids. */
    public String instanceId()
    {
        return instanceId;
    }

    public void setListener(Consumer<HubEvent> listener)
    {
        this.listener = listener;
    }

    /** A transport holds a client connection; returns the id it is known by until it closes. */
    public String connectionOpened(ConnectionKind kind, String peerAddress, boolean ssl)
    {
        String id = instanceId + ":" + nextConnection.incrementAndGet();
        HubEvent.Connected info = new HubEvent.Connected(id, kind.type(), peerAddress, ssl);
        long now = clockMillis.getAsLong();
        synchronized (this)
        {
            connections.put(id, new Held(info, kind, now));
            // Pushpin rounds minutes up: a connection counts one as soon as it opens
            minutes++;
            connectionsMax = Math.max(connectionsMax, connections.size());
            connectionsPeak = Math.max(connectionsPeak, connections.size());
        }
        listener.accept(info);
        return id;
    }

    public void connectionClosed(String id)
    {
        synchronized (this)
        {
            Held held = connections.remove(id);
            if (held == null)
                return;
            countMinutes(held, clockMillis.getAsLong());
        }
        listener.accept(new HubEvent.Disconnected(id));
    }

    public boolean isConnected(String id)
    {
        return connections.containsKey(id);
    }

    /**
     * The most client connections held at once since the last call (or since this started); the
     * next call counts from those held now. Sees a flood that came and went between two samples.
     */
    public synchronized int takeConnectionsPeak()
    {
        int peak = Math.max(connectionsPeak, connections.size());
        connectionsPeak = connections.size();
        return peak;
    }

    /** How many client connections are held now, by type. */
    public Map<ConnectionType, Integer> connectionCounts()
    {
        Map<ConnectionType, Integer> counts = new EnumMap<>(ConnectionType.class);
        for (ConnectionType type : ConnectionType.values())
            counts.put(type, 0);
        connections.values().forEach(held -> counts.merge(held.info.type(), 1, Integer::sum));
        return counts;
    }

    /** How many client connections are held now, by kind (every kind, 0 when none). */
    public Map<ConnectionKind, Integer> connectionKindCounts()
    {
        Map<ConnectionKind, Integer> counts = new EnumMap<>(ConnectionKind.class);
        for (ConnectionKind kind : ConnectionKind.values())
            counts.put(kind, 0);
        connections.values().forEach(held -> counts.merge(held.kind, 1, Integer::sum));
        return counts;
    }

    /** How many subscriptions there are now, by transport (one per subscriber and channel). */
    public Map<FormatKind, Integer> subscriptionCounts()
    {
        Map<FormatKind, Integer> counts = new EnumMap<>(FormatKind.class);
        for (FormatKind transport : FormatKind.values())
            counts.put(transport, 0);
        subscriptions.forEach((key, count) -> counts.merge(key.getKey(), count, Integer::sum));
        return counts;
    }

    /** Every held connection and every channel's subscriber counts, for periodic refreshes. */
    public List<HubEvent> current()
    {
        List<HubEvent> out = new ArrayList<>();
        connections.values().forEach(held -> out.add(held.info));
        subscriptions.forEach((key, count) -> out.add(new HubEvent.Subscribed(key.getKey(), key.getValue(), count)));
        return out;
    }

    /** The counters since the last report, which start again from now. */
    public synchronized HubReport takeReport()
    {
        long now = clockMillis.getAsLong();
        connections.values().forEach(held -> countMinutes(held, now));
        HubReport report = new HubReport(connectionsMax, minutes, received.getAndSet(0), sent.getAndSet(0),
            httpResponseSent.getAndSet(0), now - intervalStart);
        connectionsMax = connections.size();
        minutes = 0;
        intervalStart = now;
        return report;
    }

    /** The hub: {@code channel} now has {@code count} subscribers of kind {@code mode}. Called under the channel's lock. */
    public void subscriptionCount(FormatKind mode, String channel, int count)
    {
        Map.Entry<FormatKind, String> key = Map.entry(mode, channel);
        if (count > 0)
        {
            subscriptions.put(key, count);
            listener.accept(new HubEvent.Subscribed(mode, channel, count));
        }
        else
        {
            subscriptions.remove(key);
            listener.accept(new HubEvent.Unsubscribed(mode, channel));
        }
    }

    /** The hub: an item arrived to be published. */
    public void received()
    {
        received.incrementAndGet();
    }

    /** The hub: an item went to {@code counts[t]} subscribers of each transport {@code t}. */
    public void delivered(String channel, Optional<String> itemId, int[] counts)
    {
        for (FormatKind transport : FormatKind.values())
        {
            int count = counts[transport.ordinal()];
            if (count == 0)
                continue;
            sent.addAndGet(count);
            if (transport == FormatKind.HTTP_RESPONSE)
                httpResponseSent.addAndGet(count);
            listener.accept(new HubEvent.Delivered(channel, itemId, transport, count));
        }
    }

    // called with this locked
    private void countMinutes(Held held, long now)
    {
        long whole = (now - held.countedUntil) / MINUTE_MILLIS;
        if (whole > 0)
        {
            minutes += whole;
            held.countedUntil += whole * MINUTE_MILLIS;
        }
    }
}
