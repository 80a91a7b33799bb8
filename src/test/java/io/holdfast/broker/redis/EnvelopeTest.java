// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Envelope}: the pub/sub payload the publish script builds, and what is refused. */
class EnvelopeTest
{
    @Test
    void decodesWhatTheScriptBuilds()
    {
        Envelope envelope = Envelope.decode("42:0123abcd:{\"channel\":\"a:b\",\"x\":\"1:2\"}").orElseThrow();
        assertEquals(42, envelope.offset());
        assertEquals("0123abcd", envelope.epoch());
        assertEquals("{\"channel\":\"a:b\",\"x\":\"1:2\"}", envelope.json());
        assertEquals(Optional.of(envelope), Envelope.decode(envelope.encode()));
    }

    @Test
    void refusesMalformedPayloads()
    {
        for (String bad : new String[] {"", "{}", "x:e:{}", "0:e:{}", "-1:e:{}", "1::{}", ":e:{}", "1:e"})
            assertEquals(Optional.empty(), Envelope.decode(bad), bad);
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
