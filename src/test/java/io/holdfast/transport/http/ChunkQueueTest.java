// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.holdfast.stats.HubMetrics;
import io.holdfast.stats.QueueBudget;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ChunkQueue}: its bounds, the batches it makes, that a batch looked at stays queued until
 * consumed, and what it reports to the global budget and the latency histogram.
 */
class ChunkQueueTest
{
    private final QueueBudget budget = new QueueBudget(0);
    private final HubMetrics metrics = new HubMetrics(budget);

    @Test
    void anEmptyQueueHasAnEmptyBatch()
    {
        ChunkQueue queue = new ChunkQueue(10, 1_000, metrics);
        assertTrue(queue.isEmpty());
        ChunkQueue.Batch none = queue.peekBatch();
        assertEquals(0, none.count());
        assertEquals(0, none.bytes().length);
        assertArrayEquals(new byte[0], queue.consume(none));
    }

    @Test
    void fullByCountOrByBytes()
    {
        ChunkQueue queue = new ChunkQueue(2, 10, metrics);
        assertFalse(queue.full(bytes("0123456789")));
        assertTrue(queue.full(bytes("0123456789a")), "past the bytes");
        queue.add(bytes("abc"), 0);
        assertFalse(queue.full(bytes("1234567")));
        assertTrue(queue.full(bytes("12345678")), "the queued bytes count");
        queue.add(bytes("d"), 0);
        assertTrue(queue.full(bytes("e")), "past the count");
    }

    @Test
    void aBatchJoinsWhatIsQueuedAndStaysQueuedUntilConsumed()
    {
        ChunkQueue queue = new ChunkQueue(10, 1_000, metrics);
        queue.add(bytes("one\n"), 0);
        queue.add(bytes("two\n"), 0);
        assertEquals(8, budget.queued());
        ChunkQueue.Batch batch = queue.peekBatch();
        assertEquals(2, batch.count());
        assertEquals("one\ntwo\n", text(batch.bytes()));
        assertEquals("one\ntwo\n", text(queue.peekBatch().bytes()), "looking takes nothing");
        assertEquals(8, budget.queued());
        queue.add(bytes("three\n"), 0);
        assertSame(batch.bytes(), queue.consume(batch));
        assertEquals(6, budget.queued(), "what was consumed left the budget");
        ChunkQueue.Batch rest = queue.peekBatch();
        assertEquals(1, rest.count());
        assertEquals("three\n", text(rest.bytes()));
    }

    @Test
    void aBatchStopsBeforeTheChunkThatWouldTakeItPastItsSizeButAlwaysTakesOne()
    {
        ChunkQueue queue = new ChunkQueue(10, 1_000_000, metrics);
        byte[] large = new byte[ChunkQueue.BATCH_BYTES + 1];
        byte[] half = new byte[ChunkQueue.BATCH_BYTES / 2];
        queue.add(large, 0);
        queue.add(half, 0);
        queue.add(half, 0);
        queue.add(bytes("x"), 0);
        ChunkQueue.Batch first = queue.peekBatch();
        assertEquals(1, first.count());
        assertSame(large, first.bytes(), "a chunk alone goes as it is, not copied");
        queue.consume(first);
        ChunkQueue.Batch second = queue.peekBatch();
        assertEquals(2, second.count());
        assertEquals(ChunkQueue.BATCH_BYTES, second.bytes().length);
        queue.consume(second);
        assertEquals(1, queue.peekBatch().count());
    }

    @Test
    void aConsumedPublishReportsItsLatencyAndOtherChunksDoNot()
    {
        ChunkQueue queue = new ChunkQueue(10, 1_000, metrics);
        queue.add(bytes("head"), 0);
        queue.add(bytes("item"), System.nanoTime());
        queue.consume(queue.peekBatch());
        assertEquals(1, metrics.latency().count());
    }

    @Test
    void clearingReleasesTheBudget()
    {
        ChunkQueue queue = new ChunkQueue(10, 1_000, metrics);
        queue.add(bytes("one"), 0);
        queue.add(bytes("two"), 0);
        queue.clear();
        assertTrue(queue.isEmpty());
        assertEquals(0, budget.queued());
        assertFalse(queue.full(bytes("0123456789")));
    }

    private static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes)
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
