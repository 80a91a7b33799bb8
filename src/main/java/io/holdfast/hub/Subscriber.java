// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.Map;

import io.holdfast.format.item.FormatKind;

/**
 * A held connection as the hub sees it. Lifecycle: the transport subscribes it to one or more
 * channels, the hub calls {@link #deliver} and {@link #recover} from publishing threads (possibly
 * several at once, for different channels), and the transport unsubscribes it when it ends.
 * Implementations must never block in these callbacks: they queue and return.
 */
public interface Subscriber
{
    /** Which format of an item this subscriber takes. */
    FormatKind takes();

    /** Subscription meta used by filters ({@code user} for {@code skip-self} and {@code skip-users}). */
    Map<String, String> meta();

    /**
     * An item for one of this subscriber's channels, in channel order. Only called when the item
     * has this subscriber's format and passed its filters.
     */
    void deliver(Delivery delivery);

    /**
     * The subscriber missed items (an item's {@code prev-id} does not follow on from the last id it
     * has), or a recover was requested: it must refetch from the origin (GRIP §4.6, §9).
     */
    void recover();

    /**
     * True when items reach it in {@code prev-id} sequence, and one that does not follow on from the
     * last it has makes it {@link #recover}; false for WebSocket sessions (GRIP §4.4), which a
     * {@code prev-id} only catches up from history.
     */
    default boolean sequenced()
    {
        return true;
    }

    /**
     * True when this subscriber recovers a second after it made a channel active (GRIP §9.1): an
     * HTTP hold that has just been accepted. One that is itself the answer to a recovery does not,
     * or a channel that keeps getting re-created would re-check forever.
     */
    default boolean recheckWhenFirst()
    {
        return false;
    }
}
