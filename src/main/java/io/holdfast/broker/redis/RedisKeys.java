// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.Optional;

/**
 * The Redis names of a channel. The channel sits in a hash tag ({@code {...}}) so that its stream
 * and meta hash map to one Redis Cluster slot, as a script touching both requires. A channel that
 * itself contains a {@code '}'} still works: Redis then hashes a prefix of it, the same for both keys.
 * Pure and thread-safe.
 */
final class RedisKeys
{
    private static final String PREFIX = "holdfast:{";
    private static final String PUB_SUFFIX = "}:pub";

    private RedisKeys()
    {
    }

    /** The channel's history: a stream whose entry ids are {@code <offset>-0}. */
    static String stream(String channel)
    {
        return PREFIX + channel + "}:stream";
    }

    /** The channel's {@code offset} and {@code epoch}, kept longer than its history. */
    static String meta(String channel)
    {
        return PREFIX + channel + "}:meta";
    }

    /** Marks an item of {@code channel} published once ({@link io.holdfast.broker.Broker#publishOnce}). */
    static String once(String channel, String key)
    {
        return PREFIX + channel + "}:once:" + key;
    }

    /** The pub/sub channel items of {@code channel} are published on. */
    static String pub(String channel)
    {
        return PREFIX + channel + PUB_SUFFIX;
    }

    /** The channel a pub/sub channel name was made for, or empty if it is not one of ours. */
    static Optional<String> channelOfPub(String pub)
    {
        if (!pub.startsWith(PREFIX) || !pub.endsWith(PUB_SUFFIX) || pub.length() < PREFIX.length() + PUB_SUFFIX.length())
            return Optional.empty();
        return Optional.of(pub.substring(PREFIX.length(), pub.length() - PUB_SUFFIX.length()));
    }
}
