// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.api.async.RedisAsyncCommands;

import io.holdfast.broker.Broker;

/**
 * The one script a publish runs, so that numbering, history and delivery happen together or not at
 * all (see {@link Scripts} for how it is sent). Thread-safe.
 */
final class PublishScript
{
    /**
     * KEYS: stream, meta, and for a publish made once, its key. ARGV: item JSON, GRIP id ('' for
     * none), history size (0 = keep none), history TTL, meta TTL (seconds), a new epoch, the pub/sub
     * channel, and for a publish made once, how long its key is kept (ms). Returns {offset, epoch},
     * or {0, ''} when the key was there: another instance published the item already.
     * A missing epoch starts a new generation: the stream of an older one is dropped so its entries
     * (ids {@code <offset>-0}) never mix with the new numbering. MAXLEN is exact: history size means
     * that many items, not about that many.
     */
    static final String LUA = """
        if KEYS[3] and not redis.call('SET', KEYS[3], '1', 'NX', 'PX', ARGV[8]) then
          return {0, ''}
        end
        local epoch = redis.call('HGET', KEYS[2], 'epoch')
        if not epoch then
          epoch = ARGV[6]
          redis.call('DEL', KEYS[1])
          redis.call('HSET', KEYS[2], 'epoch', epoch, 'offset', 0)
        end
        local offset = redis.call('HINCRBY', KEYS[2], 'offset', 1)
        redis.call('EXPIRE', KEYS[2], ARGV[5])
        local size = tonumber(ARGV[3])
        if size > 0 then
          if ARGV[2] ~= '' then
            redis.call('XADD', KEYS[1], 'MAXLEN', size, offset .. '-0', 'i', ARGV[2], 'd', ARGV[1])
          else
            redis.call('XADD', KEYS[1], 'MAXLEN', size, offset .. '-0', 'd', ARGV[1])
          end
          redis.call('EXPIRE', KEYS[1], ARGV[4])
        end
        redis.call('PUBLISH', ARGV[7], offset .. ':' .. epoch .. ':' .. ARGV[1])
        return {offset, epoch}
        """;

    static final String SHA = Scripts.sha1(LUA);

    /** What the script returned. */
    record Result(long offset, String epoch)
    {
    }

    private PublishScript()
    {
    }

    /**
     * Runs the script for one item; {@code pubChannel} is normally {@link RedisKeys#pub} of the
     * channel (tests give another to make an item that no subscriber hears live).
     */
    static CompletionStage<Result> run(RedisAsyncCommands<String, String> redis, String channel, String json, String id,
        int historySize, long historyTtl, long metaTtl, String pubChannel)
    {
        return run(redis, channel, json, id, historySize, historyTtl, metaTtl, pubChannel, Optional.empty());
    }

    /** As above; with {@code onceKey}, the publish is skipped ({@code offset} 0) when the key was set within the window. */
    static CompletionStage<Result> run(RedisAsyncCommands<String, String> redis, String channel, String json, String id,
        int historySize, long historyTtl, long metaTtl, String pubChannel, Optional<String> onceKey)
    {
        String[] keys = onceKey.isPresent()
            ? new String[]{RedisKeys.stream(channel), RedisKeys.meta(channel), RedisKeys.once(channel, onceKey.get())}
            : new String[]{RedisKeys.stream(channel), RedisKeys.meta(channel)};
        String[] args = {json, id, Integer.toString(historySize), Long.toString(historyTtl), Long.toString(metaTtl),
            Epochs.next(), pubChannel, Long.toString(Broker.ONCE_WINDOW_MILLIS)};
        return Scripts.run(redis, LUA, SHA, keys, args).thenApply(PublishScript::result);
    }

    private static Result result(List<Object> reply)
    {
        return new Result((Long)reply.get(0), (String)reply.get(1));
    }
}
