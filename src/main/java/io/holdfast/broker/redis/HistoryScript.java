// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * Reads a channel's epoch, offset and history in one script, so the entries read belong to the
 * epoch read with them (a new epoch drops the stream in the same atomic step that makes it).
 * Thread-safe.
 */
final class HistoryScript
{
    /** KEYS: stream, meta. ARGV: the first offset wanted (0 = no entries). Returns {epoch, offset, entries}. */
    static final String LUA = """
        local meta = redis.call('HMGET', KEYS[2], 'epoch', 'offset')
        local entries = {}
        if tonumber(ARGV[1]) > 0 then
          entries = redis.call('XRANGE', KEYS[1], ARGV[1] .. '-0', '+')
        end
        return {meta[1], meta[2], entries}
        """;

    static final String SHA = Scripts.sha1(LUA);

    /** One item of history: its offset, GRIP id if it had one, and JSON. */
    record Entry(long offset, Optional<String> id, String json)
    {
    }

    /** A channel's state: its epoch (empty when it has none: never published, or expired), last offset and entries. */
    record History(Optional<String> epoch, long offset, List<Entry> entries)
    {
    }

    private HistoryScript()
    {
    }

    /** The channel's epoch and offset, and its entries from offset {@code from} on ({@code 0}: none). */
    static CompletionStage<History> read(RedisAsyncCommands<String, String> redis, String channel, long from)
    {
        String[] keys = {RedisKeys.stream(channel), RedisKeys.meta(channel)};
        return Scripts.run(redis, LUA, SHA, keys, Long.toString(from)).thenApply(HistoryScript::history);
    }

    static History history(List<Object> reply)
    {
        Optional<String> epoch = Optional.ofNullable((String)reply.get(0));
        long offset = reply.get(1) == null ? 0 : Long.parseLong((String)reply.get(1));
        List<Entry> entries = new ArrayList<>();
        for (Object raw : (List<?>)reply.get(2))
            entries.add(entry((List<?>)raw));
        return new History(epoch, offset, entries);
    }

    private static Entry entry(List<?> raw)
    {
        String streamId = (String)raw.get(0);
        long offset = Long.parseLong(streamId.substring(0, streamId.indexOf('-')));
        List<?> fields = (List<?>)raw.get(1);
        Optional<String> id = Optional.empty();
        String json = "";
        for (int i = 0; i + 1 < fields.size(); i += 2)
        {
            if ("i".equals(fields.get(i)))
                id = Optional.of((String)fields.get(i + 1));
            else if ("d".equals(fields.get(i)))
                json = (String)fields.get(i + 1);
        }
        return new Entry(offset, id, json);
    }
}
