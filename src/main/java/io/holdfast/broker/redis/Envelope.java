// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * An item as the publish script sends it over pub/sub: its offset, epoch and JSON. One item goes
 * as {@code <offset>:<epoch>:<item JSON>}; a batch of consecutive items as one message,
 * {@code <first offset>:<epoch>:<count>:<JSON>\n<JSON>...}, told apart by what follows the epoch
 * (an item's JSON starts with '{', a count with a digit, and compact JSON has no raw newline). A
 * plain prefix rather than a JSON wrapper, so the script concatenates instead of re-encoding the
 * items, and a receiver that drops a duplicate never parses it. Epochs are made by {@link Epochs}
 * and contain no {@code ':'}. Immutable.
 */
record Envelope(long offset, String epoch, String json)
{
    String encode()
    {
        return offset + ":" + epoch + ":" + json;
    }

    /** The items in {@code payload}, in order; empty when it is malformed. */
    static List<Envelope> decode(String payload)
    {
        int first = payload.indexOf(':');
        int second = first < 0 ? -1 : payload.indexOf(':', first + 1);
        if (first <= 0 || second <= first + 1)
            return List.of();
        long offset = number(payload, 0, first);
        if (offset < 1)
            return List.of();
        String epoch = payload.substring(first + 1, second);
        if (second + 1 < payload.length() && payload.charAt(second + 1) == '{')
            return List.of(new Envelope(offset, epoch, payload.substring(second + 1)));
        int third = payload.indexOf(':', second + 1);
        long count = third < 0 ? -1 : number(payload, second + 1, third);
        if (count < 1)
            return List.of();
        List<Envelope> items = new ArrayList<>();
        for (int start = third + 1; start <= payload.length(); )
        {
            int end = payload.indexOf('\n', start);
            if (end < 0)
                end = payload.length();
            items.add(new Envelope(offset + items.size(), epoch, payload.substring(start, end)));
            start = end + 1;
        }
        return items.size() == count ? items : List.of();
    }

    /** The decimal number at {@code [from, to)}, or -1. */
    private static long number(String text, int from, int to)
    {
        try
        {
            return Long.parseLong(text, from, to, 10);
        }
        catch (NumberFormatException e)
        {
            return -1;
        }
    }
}
