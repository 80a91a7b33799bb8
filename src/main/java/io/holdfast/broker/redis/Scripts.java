// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * Runs the broker's Lua scripts by digest, sending the text only when Redis lost it ({@code NOSCRIPT}:
 * a flushed script cache). The broker loads every script on each (re)connect before it reports UP,
 * so the fallback, which could let a later call overtake an earlier one, serves only a cache flushed
 * while connected. Thread-safe.
 */
final class Scripts
{
    static final List<String> ALL = List.of(PublishScript.LUA, HistoryScript.LUA);

    private Scripts()
    {
    }

    static CompletableFuture<List<Object>> run(RedisAsyncCommands<String, String> redis, String lua, String sha,
        String[] keys, String... args)
    {
        return redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, args).toCompletableFuture()
            .handle((result, failure) ->
            {
                if (failure == null)
                    return CompletableFuture.completedFuture(result);
                if (unwrap(failure) instanceof RedisNoScriptException)
                    return redis.<List<Object>>eval(lua, ScriptOutputType.MULTI, keys, args).toCompletableFuture();
                return CompletableFuture.<List<Object>>failedFuture(unwrap(failure));
            })
            .thenCompose(f -> f);
    }

    /** The cause a future failed with, without the wrappers futures add. */
    static Throwable unwrap(Throwable failure)
    {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null)
            t = t.getCause();
        return t;
    }

    static String sha1(String text)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e)
        {
            // every JDK has SHA-1
            throw new IllegalStateException(e);
        }
    }
}
