// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.api.async.RedisAsyncCommands;

import io.holdfast.broker.Broker;

/**
 * The one script a publish runs, so that numbering, history and delivery happen together or not at
 * all (see {@link Scripts} for how it is sent). One run takes a batch of items of one channel: a
 * POST of many items costs one round trip and one numbering, not one each. Thread-safe.
 */
final class PublishScript
{
    /**
     * KEYS: stream, meta, and for a publish made once, its key. ARGV: history size (0 = keep none),
     * history TTL, meta TTL (seconds), a new epoch, the pub/sub channel, how long a once key is kept
     * (ms), then for each item its GRIP id ('' for none) and its JSON. The items get consecutive
     * offsets; each is appended on its own, and the batch is PUBLISHed as one message
     * ({@link Envelope}: for 20 items, the script took about 54 us instead of 62 in Redis's own
     * {@code commandstats} under {@code redis-benchmark}, a noisy measure).
     * Returns {first offset, epoch}, or {0, ''} when the once key was there: another instance
     * published the item already. A missing epoch starts a new generation: the stream of an older
     * one is dropped so its entries (ids {@code <offset>-0}) never mix with the new numbering.
     * MAXLEN is exact: history size means that many items, not about that many.
     */
    static final String LUA = """
        if KEYS[3] and not redis.call('SET', KEYS[3], '1', 'NX', 'PX', ARGV[6]) then
          return {0, ''}
        end
        local epoch = redis.call('HGET', KEYS[2], 'epoch')
        if not epoch then
          epoch = ARGV[4]
          redis.call('DEL', KEYS[1])
          redis.call('HSET', KEYS[2], 'epoch', epoch, 'offset', 0)
        end
        local count = (#ARGV - 6) / 2
        local first = redis.call('HINCRBY', KEYS[2], 'offset', count) - count + 1
        redis.call('EXPIRE', KEYS[2], ARGV[3])
        local size = tonumber(ARGV[1])
        local jsons = {}
        for i = 0, count - 1 do
          local offset = first + i
          local id = ARGV[7 + 2 * i]
          local json = ARGV[8 + 2 * i]
          jsons[i + 1] = json
          if size > 0 then
            local entry = id ~= '' and {offset .. '-0', 'i', id, 'd', json} or {offset .. '-0', 'd', json}
            -- trimmed by the batch's last append only: MAXLEN cuts every entry beyond size at once
            if i == count - 1 then
              redis.call('XADD', KEYS[1], 'MAXLEN', size, unpack(entry))
            else
              redis.call('XADD', KEYS[1], unpack(entry))
            end
          end
        end
        if count == 1 then
          redis.call('PUBLISH', ARGV[5], first .. ':' .. epoch .. ':' .. ARGV[8])
        else
          redis.call('PUBLISH', ARGV[5], first .. ':' .. epoch .. ':' .. count .. ':' .. table.concat(jsons, '\\n'))
        end
        if size > 0 then
          redis.call('EXPIRE', KEYS[1], ARGV[2])
        end
        return {first, epoch}
        """;

    static final String SHA = Scripts.sha1(LUA);

    /** What the script returned: the first item's offset (the others follow it), and the epoch. */
    record Result(long offset, String epoch)
    {
    }

    /** An item as the script takes it: its GRIP id ('' for none) and its JSON ({@link ItemJson}). */
    record Entry(String id, String json)
    {
    }

    private PublishScript()
    {
    }

    /**
     * Runs the script for {@code entries}, all of {@code channel}; {@code pubChannel} is normally
     * {@link RedisKeys#pub} of the channel (tests give another to make items that no subscriber
     * hears live). With {@code onceKey}, nothing is published ({@code offset} 0) when the key was
     * set within {@link Broker#ONCE_WINDOW_MILLIS}.
     */
    static CompletionStage<Result> run(RedisAsyncCommands<String, String> redis, String channel, List<Entry> entries,
        int historySize, long historyTtl, long metaTtl, String pubChannel, Optional<String> onceKey)
    {
        String[] keys = onceKey.isPresent()
            ? new String[]{RedisKeys.stream(channel), RedisKeys.meta(channel), RedisKeys.once(channel, onceKey.get())}
            : new String[]{RedisKeys.stream(channel), RedisKeys.meta(channel)};
        List<String> args = new ArrayList<>(6 + 2 * entries.size());
        args.addAll(List.of(Integer.toString(historySize), Long.toString(historyTtl), Long.toString(metaTtl), Epochs.next(),
            pubChannel, Long.toString(Broker.ONCE_WINDOW_MILLIS)));
        for (Entry entry : entries)
        {
            args.add(entry.id());
            args.add(entry.json());
        }
        return Scripts.run(redis, LUA, SHA, keys, args.toArray(String[]::new)).thenApply(PublishScript::result);
    }

    private static Result result(List<Object> reply)
    {
        return new Result((Long)reply.get(0), (String)reply.get(1));
    }
}
