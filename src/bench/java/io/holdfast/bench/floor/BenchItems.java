// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench.floor;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * The benchmark's own publish items, read by a scan that knows nothing else: each item's channel,
 * then its http-stream content or none (a close), as {@code PublishBody} writes them. JDK only, so
 * that a floor without the servlet API can use it too. Pure and thread-safe.
 */
final class BenchItems
{
    private static final String CHANNEL = "\"channel\":\"";
    private static final String CONTENT = "\"content\":\"";

    private BenchItems()
    {
    }

    /** Hands each item of {@code json} to {@code item}: its channel, and its content, or null for a close. */
    static void scan(String json, BiConsumer<String, byte[]> item)
    {
        for (int at = json.indexOf(CHANNEL), next; at >= 0; at = next)
        {
            int start = at + CHANNEL.length();
            String channel = json.substring(start, json.indexOf('"', start));
            next = json.indexOf(CHANNEL, start);
            int content = json.indexOf(CONTENT, start);
            boolean ownContent = content >= 0 && (next < 0 || content < next);
            item.accept(channel, ownContent ? unescape(json, content + CONTENT.length()) : null);
        }
    }

    /** The JSON string starting at {@code from} (just past its quote), with \n, \" and \\ undone. */
    private static byte[] unescape(String json, int from)
    {
        StringBuilder text = new StringBuilder();
        for (int i = from; json.charAt(i) != '"'; i++)
        {
            char c = json.charAt(i);
            if (c == '\\')
            {
                c = json.charAt(++i);
                text.append(c == 'n' ? '\n' : c);
            }
            else
                text.append(c);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
