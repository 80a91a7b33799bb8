// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.holdfast.format.item.PublishItem;

/**
 * The history of one instance: the last {@code size} items of each channel, each kept for
 * {@code ttlMillis}, and at most {@code maxBytes} of them in all: past that, the oldest items of any
 * channel go first, so a catch-up from them falls back to the origin instead of memory running out.
 * A channel whose items have all gone is dropped with its last one. Thread-safe: each
 * channel's items are guarded by their own monitor; {@link #order} is concurrent.
 */
public final class MemoryHistory implements History
{
    private final int size;
    private final long ttlMillis;
    private final long maxBytes;
    private final ConcurrentHashMap<String, Items> channels = new ConcurrentHashMap<>();
    /** Every item recorded, oldest first, across channels: what goes first when over {@link #maxBytes}. */
    private final ConcurrentLinkedQueue<Entry> order = new ConcurrentLinkedQueue<>();
    /** The estimated size of what {@link #order} holds (an item dropped from its channel stays until polled). */
    private final AtomicLong bytes = new AtomicLong();

    private record Entry(String channel, PublishItem item, long expiresMillis, long bytes)
    {
    }

    private static final class Items
    {
        final ArrayDeque<Entry> entries = new ArrayDeque<>();

        void dropExpired(long nowMillis)
        {
            while (!entries.isEmpty() && entries.peekFirst().expiresMillis() <= nowMillis)
                entries.removeFirst();
        }
    }

    /**
     * @param size      items kept per channel (at least 1)
     * @param ttlMillis how long each is kept
     * @param maxBytes  the estimated bytes of all items kept
     */
    public MemoryHistory(int size, long ttlMillis, long maxBytes)
    {
        if (size < 1 || ttlMillis < 1 || maxBytes < 1)
            throw new IllegalArgumentException("history size, ttl and bytes must be positive: " + size + ", " + ttlMillis
                + ", " + maxBytes);
        this.size = size;
        this.ttlMillis = ttlMillis;
        this.maxBytes = maxBytes;
    }

    @Override
    public void record(PublishItem item, long nowMillis)
    {
        // compute() so that a channel being dropped by dropOldest() is not recorded into and lost.
        channels.compute(item.channel(), (channel, items) ->
        {
            Items kept = items == null ? new Items() : items;
            synchronized (kept)
            {
                kept.dropExpired(nowMillis);
                if (kept.entries.size() == size)
                    kept.entries.removeFirst();
                Entry entry = new Entry(channel, item, nowMillis + ttlMillis, estimate(item));
                kept.entries.addLast(entry);
                // Under the channel's monitor, so that a channel's items reach the global order in its own.
                order.add(entry);
                bytes.addAndGet(entry.bytes());
            }
            return kept;
        });
        while (bytes.get() > maxBytes && dropOldest())
        {
            // the oldest items of all go first
        }
    }

    private boolean dropOldest()
    {
        Entry oldest = order.poll();
        if (oldest == null)
            return false;
        bytes.addAndGet(-oldest.bytes());
        // A channel left with nothing is dropped here, so expiring never has to visit every channel.
        channels.computeIfPresent(oldest.channel(), (channel, items) ->
        {
            synchronized (items)
            {
                if (items.entries.peekFirst() == oldest)
                    items.entries.removeFirst();
                return items.entries.isEmpty() ? null : items;
            }
        });
        return true;
    }

    // The payloads, plus what an item and its entry cost in any case.
    private static long estimate(PublishItem item)
    {
        return 256 + item.httpStream().map(f -> f.content().length).orElse(0)
            + item.httpResponse().map(f -> f.body().length).orElse(0)
            + item.wsMessage().map(f -> f.content().length).orElse(0);
    }

    @Override
    public CompletionStage<Optional<List<PublishItem>>> after(String channel, String id, long nowMillis)
    {
        return CompletableFuture.completedFuture(itemsAfter(channel, id, nowMillis));
    }

    private Optional<List<PublishItem>> itemsAfter(String channel, String id, long nowMillis)
    {
        Items items = channels.get(channel);
        if (items == null)
            return Optional.empty();
        synchronized (items)
        {
            items.dropExpired(nowMillis);
            List<PublishItem> after = null;
            for (Entry entry : items.entries)
            {
                // From the last item with that id: ids may come round again once the id cache forgot them.
                if (entry.item().id().filter(id::equals).isPresent())
                    after = new ArrayList<>();
                else if (after != null)
                    after.add(entry.item());
            }
            return Optional.ofNullable(after);
        }
    }

    @Override
    public void expire(long nowMillis)
    {
        for (Entry oldest = order.peek(); oldest != null && oldest.expiresMillis() <= nowMillis; oldest = order.peek())
            dropOldest();
    }

    /** The estimated bytes of the items kept, for tests and stats. */
    public long bytes()
    {
        return bytes.get();
    }

    /** Channels with items kept, for tests and stats. */
    public int channelCount()
    {
        return channels.size();
    }
}
