// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryReadsTest
{
    private final Queue<Runnable> sends = new ArrayDeque<>();
    private final List<String> reads = new ArrayList<>();
    private final List<CompletableFuture<String>> replies = new ArrayList<>();
    private final HistoryReads<String> history = new HistoryReads<>(sends::add, channel ->
    {
        reads.add(channel);
        CompletableFuture<String> reply = new CompletableFuture<>();
        replies.add(reply);
        return reply;
    });

    @Test
    void requestsWaitingForTheSameChannelShareOneRead()
    {
        CompletableFuture<String> first = history.of("c");
        CompletableFuture<String> second = history.of("c");
        CompletableFuture<String> other = history.of("d");
        assertSame(first, second);
        assertNotSame(first, other);
        sends.forEach(Runnable::run);
        assertEquals(List.of("c", "d"), reads);
        replies.get(0).complete("history of c");
        assertEquals("history of c", second.join());
    }

    @Test
    void aReadThatWentOutIsNotSharedWithLaterRequests()
    {
        CompletableFuture<String> first = history.of("c");
        sends.poll().run();
        CompletableFuture<String> later = history.of("c");
        assertNotSame(first, later, "the first read may have run before the later request subscribed");
        sends.poll().run();
        assertEquals(List.of("c", "c"), reads);
    }

    @Test
    void aFailedReadFailsEverySharer()
    {
        CompletableFuture<String> first = history.of("c");
        CompletableFuture<String> second = history.of("c");
        sends.poll().run();
        replies.get(0).completeExceptionally(new IllegalStateException("Redis down"));
        assertTrue(first.isCompletedExceptionally() && second.isCompletedExceptionally());
    }
}
