// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.function.Function;

import io.holdfast.format.item.PublishItem;

/**
 * One item on its way to the subscribers of one channel: what {@link Subscriber#deliver} gets.
 * Besides the item it carries when its publish started ({@link #publishedNanos}, 0 when no publish
 * is timed, e.g. an item released after waiting for its predecessor), so a transport reports the
 * latency once it has written it, and how many writes it goes out among ({@link #fanOut}), so a
 * transport writes a few at once and hands many to its writers. One delivery is shared
 * by all the channel's subscribers, so what they derive from the item the same way (a decoded text)
 * is derived once ({@link #shared}). The hub calls the subscribers one after the other on one thread;
 * {@link #shared} relies on that and is not thread-safe.
 */
public final class Delivery
{
    private final String channel;
    private final PublishItem item;
    private final long publishedNanos;
    private final int fanOut;
    private Object shared;

    public Delivery(String channel, PublishItem item, long publishedNanos, int fanOut)
    {
        this.channel = channel;
        this.item = item;
        this.publishedNanos = publishedNanos;
        this.fanOut = fanOut;
    }

    public String channel()
    {
        return channel;
    }

    public PublishItem item()
    {
        return item;
    }

    /** When the publish started (System.nanoTime), or 0 when its latency is not measured. */
    public long publishedNanos()
    {
        return publishedNanos;
    }

    /**
     * How many writes this one goes out among: the channel's subscribers when the item went out,
     * or, for items replayed to one subscriber from history, how many are replayed together.
     */
    public int fanOut()
    {
        return fanOut;
    }

    /**
     * What {@code derive} makes of the item, made once per delivery: the first subscriber asking
     * for a {@code type} computes it, the others get the same object.
     */
    public <T> T shared(Class<T> type, Function<PublishItem, T> derive)
    {
        if (type.isInstance(shared))
            return type.cast(shared);
        T value = derive.apply(item);
        shared = value;
        return value;
    }
}
