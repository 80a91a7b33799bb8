// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.Optional;

/**
 * The pub/sub payload the publish script sends: {@code <offset>:<epoch>:<item JSON>}. A plain
 * prefix rather than a JSON wrapper, so the script concatenates instead of re-encoding the item,
 * and a receiver that drops a duplicate never parses it. Epochs are made by {@link Epochs} and
 * contain no {@code ':'}. Immutable.
 */
record Envelope(long offset, String epoch, String json)
{
    String encode()
    {
        return offset + ":" + epoch + ":" + json;
    }

    /** The envelope in {@code payload}, or empty when it is malformed. */
    static Optional<Envelope> decode(String payload)
    {
        int first = payload.indexOf(':');
        int second = first < 0 ? -1 : payload.indexOf(':', first + 1);
        if (first <= 0 || second <= first + 1)
            return Optional.empty();
        long offset;
        try
        {
            offset = Long.parseLong(payload, 0, first, 10);
        }
        catch (NumberFormatException e)
        {
            return Optional.empty();
        }
        if (offset < 1)
            return Optional.empty();
        return Optional.of(new Envelope(offset, payload.substring(first + 1, second), payload.substring(second + 1)));
    }
}
