// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.holdfast.format.item.FormatKind;
import io.holdfast.hub.Delivery;
import io.holdfast.hub.Subscriber;

/** A hub subscriber of one format that keeps the http-stream content delivered to it, for tests of publishers. */
public final class RecordingSubscriber implements Subscriber
{
    private final FormatKind takes;
    public final List<String> received = new CopyOnWriteArrayList<>();

    public RecordingSubscriber(FormatKind takes)
    {
        this.takes = takes;
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
    }
}
