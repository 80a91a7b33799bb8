// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.holdfast.broker.Broker;
import io.holdfast.broker.BrokerItem;
import io.holdfast.format.item.PublishItem;
import io.holdfast.hub.History;

/**
 * The history instances share: each channel's items as the broker keeps them, appended as it
 * publishes them, so the hub records nothing itself. Thread-safe.
 */
public final class BrokerHistory implements History
{
    private final Broker broker;

    public BrokerHistory(Broker broker)
    {
        this.broker = broker;
    }

    @Override
    public void record(PublishItem item, long nowMillis)
    {
        // The broker appended it, in the same step that published it to every instance.
    }

    @Override
    public CompletionStage<Optional<List<PublishItem>>> after(String channel, String id, long nowMillis)
    {
        return broker.itemsAfter(channel, id)
            .thenApply(items -> items.map(found -> found.stream().map(BrokerItem::item).toList()));
    }
}
