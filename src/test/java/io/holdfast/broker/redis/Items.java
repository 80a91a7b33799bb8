// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.holdfast.format.item.Action;
import io.holdfast.format.item.HttpStreamFormat;
import io.holdfast.format.item.PublishItem;

/** Small items for broker tests. */
final class Items
{
    private Items()
    {
    }

    /** An http-stream item on {@code channel} with GRIP id {@code id} and {@code id} as its content. */
    static PublishItem item(String channel, String id)
    {
        return new PublishItem(channel, Optional.of(id), Optional.empty(), Map.of(), false, Optional.empty(),
            Optional.of(new HttpStreamFormat(Action.SEND, id.getBytes(StandardCharsets.UTF_8), List.of())), Optional.empty());
    }

    static String content(PublishItem item)
    {
        return new String(item.httpStream().orElseThrow().content(), StandardCharsets.UTF_8);
    }
}
