// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers (channel, item id) pairs for {@code id_cache_ttl} so a republished item is dropped
 * (GRIP §4.6 dedupe). Entries expire in insertion order, so purging is amortised O(1); the size cap
 * keeps a publisher that never repeats ids from growing memory without bound. Thread-safe.
 */
final class IdCache
{
    private final long ttlMillis;
    private final int maxEntries;
    private final LinkedHashMap<String, Long> expiries = new LinkedHashMap<>();

    IdCache(long ttlMillis, int maxEntries)
    {
        this.ttlMillis = ttlMillis;
        this.maxEntries = maxEntries;
    }

    /** Records the id and returns true if it was already seen within the TTL. */
    synchronized boolean seen(String channel, String id, long nowMillis)
    {
        if (ttlMillis <= 0)
            return false;
        purge(nowMillis);
        String key = channel + '\u0000' + id;
        if (expiries.containsKey(key))
            return true;
        expiries.put(key, nowMillis + ttlMillis);
        if (expiries.size() > maxEntries)
        {
            Iterator<String> eldest = expiries.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return false;
    }

    synchronized int size()
    {
        return expiries.size();
    }

    private void purge(long nowMillis)
    {
        Iterator<Map.Entry<String, Long>> it = expiries.entrySet().iterator();
        while (it.hasNext() && it.next().getValue() <= nowMillis)
            it.remove();
    }
}
