// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Envelope}: the pub/sub payload the publish script builds, and what is refused. */
class EnvelopeTest
{
    @Test
    void decodesWhatTheScriptBuildsForOneItem()
    {
        List<Envelope> items = Envelope.decode("42:0123abcd:{\"channel\":\"a:b\",\"x\":\"1:2\"}");
        assertEquals(1, items.size());
        Envelope envelope = items.get(0);
        assertEquals(42, envelope.offset());
        assertEquals("0123abcd", envelope.epoch());
        assertEquals("{\"channel\":\"a:b\",\"x\":\"1:2\"}", envelope.json());
        assertEquals(List.of(envelope), Envelope.decode(envelope.encode()));
    }

    @Test
    void decodesABatchAsConsecutiveOffsetsInOrder()
    {
        List<Envelope> items = Envelope.decode("7:e1:3:{\"a\":\"x:y\\n\"}\n{\"b\":2}\n{\"c\":3}");
        assertEquals(List.of(new Envelope(7, "e1", "{\"a\":\"x:y\\n\"}"), new Envelope(8, "e1", "{\"b\":2}"),
            new Envelope(9, "e1", "{\"c\":3}")), items);
    }

    @Test
    void refusesMalformedPayloads()
    {
        for (String bad : new String[] {"", "{}", "x:e:{}", "0:e:{}", "-1:e:{}", "1::{}", ":e:{}", "1:e", "1:e:",
            "1:e:2:{}", "1:e:2:{}\n{}\n{}", "1:e:0:", "1:e:x:{}", "1:e:2{}\n{}", "1:e:2:{}\n{}\n"})
            assertEquals(List.of(), Envelope.decode(bad), bad);
    }

    @Test
    void channelsAreHashTaggedAndFoundAgain()
    {
        assertEquals("holdfast:{news}:stream", RedisKeys.stream("news"));
        assertEquals("holdfast:{news}:meta", RedisKeys.meta("news"));
        assertEquals("holdfast:{news}:pub", RedisKeys.pub("news"));
        assertEquals(Optional.of("a}b{"), RedisKeys.channelOfPub(RedisKeys.pub("a}b{")));
        assertEquals(Optional.of(""), RedisKeys.channelOfPub(RedisKeys.pub("")));
        assertEquals(Optional.empty(), RedisKeys.channelOfPub("other"));
        String epoch = Epochs.next();
        assertTrue(epoch.matches("[0-9a-f]{16}-[0-9a-f]+"), epoch);
        assertNotEquals(epoch, Epochs.next());
    }
}
