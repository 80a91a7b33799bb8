// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.holdfast.format.item.PublishItem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class DeliveryTest
{
    private final PublishItem item = new PublishItem("c", Optional.empty(), Optional.empty(), Map.of(), false,
        Optional.empty(), Optional.empty(), Optional.empty());

    @Test
    void derivesWhatIsSharedOncePerType()
    {
        Delivery delivery = new Delivery("c", item, 5, 3);
        AtomicInteger derived = new AtomicInteger();
        String first = delivery.shared(String.class, i -> "decoded " + derived.incrementAndGet());
        String second = delivery.shared(String.class, i -> "decoded " + derived.incrementAndGet());
        assertSame(first, second);
        assertEquals(1, derived.get());
        assertEquals(7, delivery.shared(Integer.class, i -> 7), "another type is derived on its own");
        assertEquals(5, delivery.publishedNanos());
        assertEquals(3, delivery.fanOut());
        assertSame(item, delivery.item());
    }
}
