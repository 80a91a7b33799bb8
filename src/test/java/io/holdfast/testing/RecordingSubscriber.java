// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.holdfast.format.item.FormatKind;
import io.holdfast.hub.Delivery;
import io.holdfast.hub.Subscriber;

/** A hub subscriber of one format that keeps the http-stream content delivered to it, for tests of publishers. */
public class RecordingSubscriber implements Subscriber
{
    private final FormatKind takes;
    private final boolean sequenced;
    public final List<String> received = new CopyOnWriteArrayList<>();
    public final AtomicInteger recovered = new AtomicInteger();

    public RecordingSubscriber(FormatKind takes)
    {
        this(takes, true);
    }

    /** @param sequenced false for one that takes items in any order, as a WebSocket session does */
    public RecordingSubscriber(FormatKind takes, boolean sequenced)
    {
        this.takes = takes;
        this.sequenced = sequenced;
    }

    @Override
    public boolean sequenced()
    {
        return sequenced;
    }

    @Override
    public FormatKind takes()
    {
        return takes;
    }

    @Override
    public Map<String, String> meta()
    {
        return Map.of();
    }

    @Override
    public void deliver(Delivery delivery)
    {
        delivery.item().httpStream()
            .ifPresent(stream -> received.add(new String(stream.content(), StandardCharsets.UTF_8)));
    }

    @Override
    public void recover()
    {
        recovered.incrementAndGet();
    }
}
