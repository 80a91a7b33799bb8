// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.holdfast.format.item.PublishItem;

/**
 * Carries published items between Holdfast instances and keeps each channel's recent history.
 * Implementations are thread-safe: every method may be called from any thread, and none blocks on
 * the network (futures complete on the broker's own threads, so their callbacks must not block).
 */
public interface Broker extends AutoCloseable
{
    /** Connects (in the background; {@link #state()} is {@link BrokerState#CONNECTING} until done). Called once. */
    void start(BrokerListener listener);

    /**
     * Appends {@code item} to its channel's history and sends it to every instance subscribed to the
     * channel, atomically. Items published by calls from one thread are applied in call order. The
     * future completes with the item's offset and epoch once the broker confirmed it. It fails with
     * {@link BrokerUnavailableException}: at once, and the item not applied, while the broker is not
     * {@link BrokerState#UP} (nothing is ever queued for later); with
     * {@link BrokerUnavailableException#mayHaveBeenApplied()} {@code true} when it was sent but not
     * confirmed in time, or the connection broke meanwhile.
     */
    CompletableFuture<BrokerItem> publish(PublishItem item);

    /**
     * As {@link #publish} for each of {@code items}, in order, and cheaper: consecutive items of one
     * channel are applied together, all or none. The future completes with them all once every one
     * was confirmed, or fails as {@link #publish} does when any was not.
     */
    CompletableFuture<List<BrokerItem>> publishAll(List<PublishItem> items);

    /**
     * As {@link #publish}, for an item that several instances may each have received (a PUB
     * publisher connected to their SUB inputs): of the publishes with the same {@code onceKey}
     * within {@link #ONCE_WINDOW_MILLIS}, only the first is applied; the others complete with empty.
     */
    CompletableFuture<Optional<BrokerItem>> publishOnce(PublishItem item, String onceKey);

    /** How long a {@link #publishOnce} key is remembered. */
    long ONCE_WINDOW_MILLIS = 2000;

    /** Starts receiving {@code channel}'s items (on its first local subscriber). Idempotent. */
    void subscribe(String channel);

    /** Stops receiving {@code channel}'s items (when its last local subscriber left). Idempotent. */
    void unsubscribe(String channel);

    /**
     * The items published to {@code channel} after the one whose GRIP id is {@code itemId}, oldest
     * first, possibly none; empty when no item with that id is in the channel's history (too old,
     * expired, never seen, or no history kept). Fails with {@link BrokerUnavailableException} when
     * the broker cannot be asked.
     */
    CompletableFuture<Optional<List<BrokerItem>>> itemsAfter(String channel, String itemId);

    BrokerState state();

    /** One line for logs and metrics: where (no password), the state, and counters. */
    String describe();

    /** Disconnects and releases every thread and connection. */
    @Override
    void close();
}
