// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.broker.BrokerItem;
import io.holdfast.format.GripFormatException;

/**
 * Decodes the history reads of a channel, reusing what the channel's last read decoded: an item's
 * JSON at an offset never changes within an epoch, so a thousand clients reconnecting with a
 * {@code prev-id}, whose reads cannot all be shared, parse each item once instead of once per read
 * (parsing was a third of the broker's time for them). The last read of at most
 * {@value #CHANNELS} channels is kept. Thread-safe.
 */
final class DecodedHistories
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.broker");
    static final int CHANNELS = 64;

    /** A channel's history with its items decoded (empty when one did not parse: the history is unusable). */
    record Decoded(List<HistoryScript.Entry> entries, Optional<List<BrokerItem>> items)
    {
        /** The items after the one whose GRIP id is {@code itemId}; empty when it is not in this history. */
        Optional<List<BrokerItem>> after(String itemId)
        {
            for (int i = entries.size() - 1; i >= 0; i--)
            {
                int from = i + 1;
                if (entries.get(i).id().filter(itemId::equals).isPresent())
                    return items.map(all -> List.copyOf(all.subList(from, all.size())));
            }
            return Optional.empty();
        }

        /** The item decoded at {@code offset} of {@code epoch}, if this history has it. */
        private Optional<BrokerItem> at(String epoch, long offset)
        {
            List<BrokerItem> all = items.orElse(List.of());
            // Every item of a read has the read's epoch.
            if (all.isEmpty() || !all.get(0).epoch().equals(epoch))
                return Optional.empty();
            // Offsets are consecutive: an entry's index follows from the first one's.
            long index = offset - all.get(0).offset();
            return index >= 0 && index < all.size() ? Optional.of(all.get((int)index)) : Optional.empty();
        }
    }

    private final Map<String, Decoded> last = new LinkedHashMap<>(16, 0.75f, true)
    {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Decoded> eldest)
        {
            return size() > CHANNELS;
        }
    };

    /** {@code history}, read from {@code channel}, decoded. */
    Decoded decode(String channel, HistoryScript.History history)
    {
        Decoded previous;
        synchronized (last)
        {
            previous = last.get(channel);
        }
        Decoded decoded = decode(history, previous);
        synchronized (last)
        {
            last.put(channel, decoded);
        }
        return decoded;
    }

    private static Decoded decode(HistoryScript.History history, Decoded previous)
    {
        List<BrokerItem> items = new ArrayList<>(history.entries().size());
        // A history with entries always has its epoch: the script reads them together.
        String epoch = history.epoch().orElse("");
        for (HistoryScript.Entry entry : history.entries())
        {
            Optional<BrokerItem> known = previous == null ? Optional.empty() : previous.at(epoch, entry.offset());
            if (known.isPresent())
            {
                items.add(known.get());
                continue;
            }
            try
            {
                items.add(new BrokerItem(ItemJson.decode(entry.json()), entry.offset(), epoch));
            }
            catch (GripFormatException e)
            {
                // an item this broker wrote always parses: one that does not makes the history unusable
                LOG.warn("history item {} is not a GRIP item: {}", entry.offset(), e.getMessage());
                return new Decoded(history.entries(), Optional.empty());
            }
        }
        return new Decoded(history.entries(), Optional.of(items));
    }
}
