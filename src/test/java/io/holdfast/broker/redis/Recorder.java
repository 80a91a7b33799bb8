// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.holdfast.broker.BrokerItem;
import io.holdfast.broker.BrokerListener;
import io.holdfast.broker.BrokerState;

/** A {@link BrokerListener} that keeps what it was told, for tests. Thread-safe. */
final class Recorder implements BrokerListener
{
    final List<BrokerItem> items = new CopyOnWriteArrayList<>();
    final List<String> gaps = new CopyOnWriteArrayList<>();
    final List<BrokerState> states = new CopyOnWriteArrayList<>();

    @Override
    public void received(BrokerItem item)
    {
        items.add(item);
    }

    @Override
    public void gap(String channel)
    {
        gaps.add(channel);
    }

    @Override
    public void stateChanged(BrokerState state)
    {
        states.add(state);
    }

    /** The offsets received on {@code channel}, in arrival order. */
    List<Long> offsets(String channel)
    {
        List<Long> offsets = new ArrayList<>();
        for (BrokerItem item : items)
        {
            if (item.item().channel().equals(channel))
                offsets.add(item.offset());
        }
        return offsets;
    }

    List<BrokerItem> items(String channel)
    {
        return items.stream().filter(item -> item.item().channel().equals(channel)).toList();
    }
}
