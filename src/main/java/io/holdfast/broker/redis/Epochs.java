// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * New epoch names. The client makes one per publish and the script keeps it only when the channel
 * has no epoch yet: Lua in Redis has no good randomness of its own, and a name unique across
 * instances and restarts is what tells a receiver that a channel's history started over.
 * Thread-safe.
 */
final class Epochs
{
    // Random once per process, then counted: as unique as a random name per publish, without a
    // call into the system's random source (and its lock) on every publish.
    private static final String PROCESS = randomHex(8);
    private static final AtomicLong COUNT = new AtomicLong();

    private Epochs()
    {
    }

    /** 64 random bits of this process and a count: two generations of a channel never share a name. */
    static String next()
    {
        return PROCESS + "-" + Long.toHexString(COUNT.incrementAndGet());
    }

    private static String randomHex(int bytes)
    {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
