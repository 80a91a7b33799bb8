// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker;

/**
 * What a {@link Broker} tells the instance that started it. Calls come from one broker thread at a
 * time (never two at once), so an implementation must not block: it hands items on and returns.
 */
public interface BrokerListener
{
    /**
     * A live item of a subscribed channel, published by any instance (this one included). Per
     * channel, items come in offset order, each at most once; items missed while the connection was
     * lost, or published while a subscribe was under way, are filled in from the channel's history
     * before later ones.
     */
    void received(BrokerItem item);

    /**
     * Items of subscribed {@code channel} were lost and cannot be replaced from history: its epoch
     * changed, or the missed range is no longer kept. Later items follow as usual.
     */
    void gap(String channel);

    /** The broker's state changed (also reported in order with the items). */
    void stateChanged(BrokerState state);
}
