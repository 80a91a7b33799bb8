// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import io.holdfast.format.item.PublishItem;

/**
 * One channel's item order by {@code prev-id}, as Pushpin keeps it: an item whose {@code prev-id}
 * is not the id of the last item released waits (is parked) until its predecessor arrives or
 * {@code message_wait} passes, and then goes out with every parked item that follows on from it.
 * At most {@value #MAX_PARKED} items wait; a second item after the same predecessor is dropped.
 * Guarded by the channel's monitor.
 */
final class PrevIdOrder
{
    /** Pushpin parks at most this many out-of-order items per channel. */
    static final int MAX_PARKED = 100;

    /** Parked items keyed by the prev-id they wait for, oldest first. */
    private final LinkedHashMap<String, Parked> parked = new LinkedHashMap<>();
    private String lastId;

    private record Parked(PublishItem item, long arrivedMillis)
    {
    }

    /** True when {@code item} must wait for its predecessor: it is parked then (or dropped, see above). */
    boolean parkIfEarly(PublishItem item, long nowMillis)
    {
        Optional<String> prevId = item.prevId();
        if (prevId.isEmpty() || item.noSeq() || lastId == null || prevId.get().equals(lastId))
            return false;
        if (parked.size() < MAX_PARKED && !parked.containsKey(prevId.get()))
            parked.put(prevId.get(), new Parked(item, nowMillis));
        return true;
    }

    /** {@code item} and the parked items that follow on from it, in order, released: the last is now the last id. */
    List<PublishItem> releaseFrom(PublishItem item)
    {
        List<PublishItem> released = new ArrayList<>(1);
        for (PublishItem next = item; next != null; )
        {
            released.add(next);
            lastId = next.id().orElse(null);
            Parked follower = next.id().isPresent() ? parked.remove(next.id().get()) : null;
            next = follower == null ? null : follower.item();
        }
        return released;
    }

    /** The items parked at or before {@code deadlineMillis}, oldest first, no longer parked. */
    List<PublishItem> overdue(long deadlineMillis)
    {
        List<PublishItem> overdue = new ArrayList<>();
        Iterator<Parked> it = parked.values().iterator();
        while (it.hasNext())
        {
            Parked next = it.next();
            if (next.arrivedMillis() > deadlineMillis)
                break;
            it.remove();
            overdue.add(next.item());
        }
        return overdue;
    }

    /** Forgets the last id (a recover): the next item goes out whatever its prev-id. */
    void forget()
    {
        lastId = null;
    }
}
