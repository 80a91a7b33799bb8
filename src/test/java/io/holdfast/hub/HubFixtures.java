// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.holdfast.format.item.Action;
import io.holdfast.format.item.HttpStreamFormat;
import io.holdfast.format.item.PublishItem;

/** Items of channel {@code c} and a history whose reads the test answers, for the catch-up and hand-over tests. */
final class HubFixtures
{
    private HubFixtures()
    {
    }

    /** An http-stream item whose content is its id. */
    static PublishItem item(String id, String prevId)
    {
        return new PublishItem("c", Optional.ofNullable(id), Optional.ofNullable(prevId), Map.of(), false, Optional.empty(),
            Optional.of(new HttpStreamFormat(Action.SEND, String.valueOf(id).getBytes(StandardCharsets.UTF_8), List.of())),
            Optional.empty());
    }

    /** Records nothing; every read is answered by {@code read}, when the test completes it. */
    record SlowHistory(CompletableFuture<Optional<List<PublishItem>>> read) implements History
    {
        @Override
        public void record(PublishItem item, long nowMillis)
        {
        }

        @Override
        public CompletionStage<Optional<List<PublishItem>>> after(String channel, String id, long nowMillis)
        {
            return read;
        }
    }
}
