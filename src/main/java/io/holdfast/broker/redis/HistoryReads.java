// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One read of a channel's history for every request that arrives while it waits to go out: a
 * thousand clients reconnecting to one channel cost a few reads, not a thousand. Only a read not
 * yet sent is shared, so every sharer asked before Redis ran it, and whatever it misses was
 * published after the sharer subscribed: the sharer gets that live. What a read is made into
 * ({@code T}: the decoded items) is made once for all its sharers. Thread-safe.
 */
final class HistoryReads<T>
{
    private final Executor sender;
    private final Function<String, CompletableFuture<T>> read;
    /** Reads asked for and not sent yet, by channel. */
    private final Map<String, CompletableFuture<T>> waiting = new HashMap<>();

    /**
     * @param sender runs the sends, after the caller returns
     * @param read   reads one channel's history from Redis, and decodes it
     */
    HistoryReads(Executor sender, Function<String, CompletableFuture<T>> read)
    {
        this.sender = sender;
        this.read = read;
    }

    /** The channel's history, read at some point after this call. */
    CompletableFuture<T> of(String channel)
    {
        CompletableFuture<T> shared;
        boolean first;
        synchronized (waiting)
        {
            shared = waiting.get(channel);
            first = shared == null;
            if (first)
            {
                shared = new CompletableFuture<>();
                waiting.put(channel, shared);
            }
        }
        if (first)
        {
            CompletableFuture<T> result = shared;
            sender.execute(() -> send(channel, result));
        }
        return shared;
    }

    private void send(String channel, CompletableFuture<T> result)
    {
        // Closed to newcomers before it goes out: a later request must not share a read that may
        // have run in Redis before that request's subscription took effect here.
        synchronized (waiting)
        {
            waiting.remove(channel, result);
        }
        try
        {
            read.apply(channel).whenComplete((history, failure) ->
            {
                if (failure == null)
                    result.complete(history);
                else
                    result.completeExceptionally(failure);
            });
        }
        catch (RuntimeException e)
        {
            result.completeExceptionally(e);
        }
    }
}
