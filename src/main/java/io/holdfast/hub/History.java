// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.holdfast.format.item.PublishItem;

/**
 * Each channel's recent items, from which a hold that names the last item it has ({@code prev-id})
 * is caught up at once instead of asking its origin again. Kept in memory on one instance, or by a
 * broker shared by several. Thread-safe.
 */
public interface History
{
    /**
     * Records {@code item} as its channel's newest, as the hub publishes it. A history a broker keeps
     * records items as the broker publishes them, and ignores this.
     */
    void record(PublishItem item, long nowMillis);

    /**
     * The items published to {@code channel} after the one whose id is {@code id}, oldest first
     * (an empty list when it is the newest); empty when that item is not in the history (too old,
     * expired, never seen).
     */
    CompletionStage<Optional<List<PublishItem>>> after(String channel, String id, long nowMillis);

    /** Forgets what has expired by {@code nowMillis}; called about once a second. */
    default void expire(long nowMillis)
    {
    }

    /** No history: every hold with a prev-id falls back to its origin. */
    History NONE = new History()
    {
        @Override
        public void record(PublishItem item, long nowMillis)
        {
        }

        @Override
        public CompletionStage<Optional<List<PublishItem>>> after(String channel, String id, long nowMillis)
        {
            return CompletableFuture.completedFuture(Optional.empty());
        }
    };
}
