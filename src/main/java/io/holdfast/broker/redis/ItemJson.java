// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.nio.charset.StandardCharsets;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.item.PublishItem;
import io.holdfast.format.item.PublishItemParser;
import io.holdfast.format.item.PublishItemWriter;
import io.holdfast.format.item.PushpinJson;

/**
 * An item as Redis stores and carries it: the GRIP JSON of {@link PublishItemWriter}, as a string
 * (Jackson writes valid UTF-8, so the string round trip is lossless; bytes travel as base64).
 * Pure and thread-safe.
 */
final class ItemJson
{
    private ItemJson()
    {
    }

    static String encode(PublishItem item)
    {
        return new String(PublishItemWriter.toJson(item), StandardCharsets.UTF_8);
    }

    static PublishItem decode(String json) throws GripFormatException
    {
        return PublishItemParser.parse(PushpinJson.parse(json.getBytes(StandardCharsets.UTF_8))
            .orElseThrow(() -> new GripFormatException("item is not JSON")));
    }
}
