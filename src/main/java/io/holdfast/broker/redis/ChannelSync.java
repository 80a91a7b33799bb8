// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.broker.BrokerItem;
import io.holdfast.format.GripFormatException;

/**
 * One subscribed channel's place in its history: the epoch and last offset delivered, and the live
 * items held back while a read of the history is under way. It turns what arrives (live items in
 * offset order, history reads) into deliveries in offset order, each at most once, filling holes
 * from history and reporting a gap where history cannot fill them. Not thread-safe: the broker
 * calls it on its {@link SerialLane} only.
 */
final class ChannelSync
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.broker");

    /** Where deliveries go, and how history is asked for. */
    interface Output
    {
        void deliver(BrokerItem item);

        void gap(String channel);

        /** Read the channel's history from offset {@code from}; answer with {@link #history} and {@code token}. */
        void fetch(ChannelSync sync, long from, long token);
    }

    private final String channel;
    private final Output out;
    private final List<Envelope> pending = new ArrayList<>();
    // null: the channel had no epoch when last looked at, so any epoch's items from offset 1 on are new
    private String epoch;
    private long last;
    private boolean syncing = true;
    private boolean baselined;
    private long token;
    // Offsets up to this one were published before the last history read, which had none of them
    // (history is off): each is either lost or still on its way live.
    private long unheardUpTo;
    // Items delivered so far, as seen at the last tick, and when its tail was last checked (see tailDue).
    private long delivered;
    private long deliveredAtTick;
    private long deliveredAtTailCheck;

    ChannelSync(String channel, Output out)
    {
        this.channel = channel;
        this.out = out;
    }

    String channel()
    {
        return channel;
    }

    long last()
    {
        return last;
    }

    /** Where delivery starts: the channel's epoch and offset read when it was subscribed. */
    void baseline(Optional<String> epoch, long offset)
    {
        this.epoch = epoch.orElse(null);
        this.last = epoch.isPresent() ? offset : 0;
        this.syncing = true;
        this.baselined = true;
    }

    /** Whether {@link #baseline} was given: the channel then resumes from its last offset, it does not start afresh. */
    boolean baselined()
    {
        return baselined;
    }

    /** Whether live items pass at once: no history read is under way. */
    boolean live()
    {
        return !syncing;
    }

    /** Reads the history after the last offset delivered: the subscription is (again) confirmed. */
    void resync()
    {
        syncing = true;
        out.fetch(this, last + 1, ++token);
    }

    /**
     * Asked once a tick (about a second): true when items were delivered before the last tick and
     * none since, and the channel's offset has not been checked since they were (then it is, once).
     * A missing item shows as a hole when the next one arrives; the last of a burst has no next one.
     */
    boolean tailDue()
    {
        boolean quiet = !syncing && delivered == deliveredAtTick && delivered != deliveredAtTailCheck;
        deliveredAtTick = delivered;
        if (quiet)
            deliveredAtTailCheck = delivered;
        return quiet;
    }

    /**
     * The channel's epoch and offset, read after it went quiet: an offset past the last delivered
     * (or another epoch) is an item published over a second ago whose live message never came, and
     * the history is read for it. One still on its way costs a read and is delivered once anyway.
     */
    void tail(Optional<String> epochNow, long offsetNow)
    {
        if (syncing)
            return;
        if (offsetNow > last || !epochNow.equals(Optional.ofNullable(epoch)))
        {
            LOG.debug("channel {}: offset {} of epoch {} is past {} of {}, reading its history", channel, offsetNow,
                epochNow.orElse("none"), last, epoch);
            resync();
        }
    }

    /** Whether {@code token} is that of the latest history read asked for. */
    boolean current(long token)
    {
        return token == this.token;
    }

    /** A live item: delivered now, or held while history is read. */
    void live(Envelope item)
    {
        if (syncing)
            pending.add(item);
        else
            accept(item);
    }

    private void accept(Envelope item)
    {
        if (epoch == null)
            epoch = item.epoch();
        if (!epoch.equals(item.epoch()))
        {
            LOG.debug("channel {} moved from epoch {} to {}", channel, epoch, item.epoch());
            out.gap(channel);
            epoch = item.epoch();
            last = item.offset() - 1;
            unheardUpTo = 0;
        }
        if (item.offset() <= last)
            return;
        if (item.offset() > last + 1 && item.offset() <= unheardUpTo)
        {
            // live items come in offset order: the unheard ones before this one will not come
            out.gap(channel);
            last = item.offset() - 1;
        }
        if (item.offset() == last + 1)
        {
            deliver(item.offset(), item.json());
            return;
        }
        // a hole: the missing items may still be in the stream
        pending.add(item);
        resync();
    }

    /** The answer to the history read {@code token} asked for. */
    void history(long token, HistoryScript.History history)
    {
        if (!current(token))
            return;
        syncing = false;
        unheardUpTo = 0;
        List<Envelope> held = new ArrayList<>(pending);
        pending.clear();
        if (history.epoch().isEmpty())
        {
            if (epoch != null)
            {
                // the channel's data is gone (expired, or Redis restarted empty): what we missed is lost
                out.gap(channel);
                epoch = null;
                last = 0;
            }
        }
        else
        {
            String now = history.epoch().get();
            boolean moved = epoch != null && !epoch.equals(now);
            if (moved)
            {
                // a new generation: what the old one had after our last offset is lost
                out.gap(channel);
                last = 0;
            }
            epoch = now;
            fill(history, held, moved);
        }
        for (Envelope item : held)
        {
            if (syncing)
                pending.add(item);
            else
                accept(item);
        }
    }

    /**
     * Delivers what history and the held live items have up to the offset read with them, and
     * reports a gap where neither has an item (once: {@code gapped} when already reported); held
     * items of this epoch up to that offset are used up.
     */
    private void fill(HistoryScript.History history, List<Envelope> held, boolean gapped)
    {
        Map<Long, String> known = new TreeMap<>();
        for (HistoryScript.Entry entry : history.entries())
            known.put(entry.offset(), entry.json());
        held.removeIf(item ->
        {
            if (!item.epoch().equals(epoch) || item.offset() > history.offset())
                return false;
            known.putIfAbsent(item.offset(), item.json());
            return true;
        });
        boolean reported = gapped;
        for (Map.Entry<Long, String> entry : known.entrySet())
        {
            long offset = entry.getKey();
            if (offset <= last || offset > history.offset())
                continue;
            if (offset > last + 1 && !reported)
            {
                out.gap(channel);
                reported = true;
            }
            deliver(offset, entry.getValue());
        }
        // Past the last item history and the held ones have: an item published before the read but
        // after the subscription took is still on its way live. History keeps every recent item
        // when it is on, so only with history off is anything missing here; what never comes is
        // reported when the next item does.
        if (history.offset() > last)
            unheardUpTo = history.offset();
    }

    private void deliver(long offset, String json)
    {
        last = offset;
        delivered++;
        try
        {
            out.deliver(new BrokerItem(ItemJson.decode(json), offset, epoch));
        }
        catch (GripFormatException e)
        {
            LOG.warn("channel {}: item {} of epoch {} is not a GRIP item ({}): dropped", channel, offset, epoch, e.getMessage());
            out.gap(channel);
        }
    }
}
