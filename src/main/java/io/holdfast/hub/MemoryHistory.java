// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.holdfast.format.item.PublishItem;

/**
 * The history of one instance: the last {@code size} items of each channel, each kept for
 * {@code ttlMillis}. Memory is bounded by what is published within the TTL: a channel whose items
 * have all expired is dropped at the next {@link #expire}. Thread-safe: each channel's items are
 * guarded by their own monitor.
 */
public final class MemoryHistory implements History
{
    private final int size;
    private final long ttlMillis;
    private final ConcurrentHashMap<String, Items> channels = new ConcurrentHashMap<>();

    private record Entry(PublishItem item, long expiresMillis)
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
     */
    public MemoryHistory(int size, long ttlMillis)
    {
        if (size < 1 || ttlMillis < 1)
            throw new IllegalArgumentException("history size and ttl must be positive: " + size + ", " + ttlMillis);
        this.size = size;
        this.ttlMillis = ttlMillis;
    }

    @Override
    public void record(PublishItem item, long nowMillis)
    {
        // compute() so that a channel being dropped by expire() is not recorded into and lost.
        channels.compute(item.channel(), (channel, items) ->
        {
            Items kept = items == null ? new Items() : items;
            synchronized (kept)
            {
                kept.dropExpired(nowMillis);
                if (kept.entries.size() == size)
                    kept.entries.removeFirst();
                kept.entries.addLast(new Entry(item, nowMillis + ttlMillis));
            }
            return kept;
        });
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
        Iterator<String> names = channels.keySet().iterator();
        while (names.hasNext())
        {
            channels.computeIfPresent(names.next(), (channel, items) ->
            {
                synchronized (items)
                {
                    items.dropExpired(nowMillis);
                    return items.entries.isEmpty() ? null : items;
                }
            });
        }
    }

    /** Channels with items kept, for tests and stats. */
    public int channelCount()
    {
        return channels.size();
    }
}
