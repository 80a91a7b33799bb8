// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * New epoch names. The client makes one per publish and the script keeps it only when the channel
 * has no epoch yet: Lua in Redis has no good randomness of its own, and a name unique across
 * instances and restarts is what tells a receiver that a channel's history started over.
 * Thread-safe.
 */
final class Epochs
{
    private static final SecureRandom RANDOM = new SecureRandom();

    private Epochs()
    {
    }

    /** 16 hex digits: 64 random bits, so two generations of a channel never share a name. */
    static String next()
    {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
