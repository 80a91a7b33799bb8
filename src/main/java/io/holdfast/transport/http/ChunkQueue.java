// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.util.ArrayDeque;
import java.util.Iterator;

import io.holdfast.stats.HubMetrics;

/**
 * The chunks a client's output has yet to write, bounded by count and bytes: each chunk's bytes
 * count against the global queue budget while queued, and a published one reports its latency
 * when it leaves. What is queued goes out in batches of up to {@value #BATCH_BYTES} bytes, looked
 * at first and taken only once written or handed over, so a write that is declined loses nothing.
 * Not thread-safe: used under its {@link ClientOutput}'s monitor.
 */
final class ChunkQueue
{
    // Large enough that a burst costs few writes, small enough to stay out of the humongous range.
    // (Jetty writes a larger heap buffer in pieces of its 32 kB output buffer size anyway.)
    static final int BATCH_BYTES = 32 * 1024;

    // Empty nearly all its life (each chunk is written as it comes): room for one at first, not
    // ArrayDeque's default 16, which cost a held stream 64 bytes more.
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>(1);
    private final int maxMessages;
    private final long maxBytes;
    private final HubMetrics metrics;
    private long bytes;

    /** A queued chunk and when the publish that produced it started (0: not a publish). */
    private record Chunk(byte[] bytes, long publishedNanos)
    {
    }

    /** Queued chunks written as one: their bytes and how many they are. */
    record Batch(byte[] bytes, int count)
    {
        static final Batch NONE = new Batch(new byte[0], 0);
    }

    ChunkQueue(int maxMessages, long maxBytes, HubMetrics metrics)
    {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.metrics = metrics;
    }

    boolean isEmpty()
    {
        return chunks.isEmpty();
    }

    /** True when {@code chunk} would take the queue past its bounds. */
    boolean full(byte[] chunk)
    {
        return chunks.size() >= maxMessages || bytes + chunk.length > maxBytes;
    }

    void add(byte[] chunk, long publishedNanos)
    {
        chunks.add(new Chunk(chunk, publishedNanos));
        bytes += chunk.length;
        metrics.budget().add(chunk.length);
    }

    /** What is queued, up to BATCH_BYTES (or one larger chunk), as one array; it stays queued. None when empty. */
    Batch peekBatch()
    {
        if (chunks.isEmpty())
            return Batch.NONE;
        Iterator<Chunk> queued = chunks.iterator();
        byte[] first = queued.next().bytes();
        int size = first.length;
        int count = 1;
        while (queued.hasNext())
        {
            int next = queued.next().bytes().length;
            if (size + next > BATCH_BYTES)
                break;
            size += next;
            count++;
        }
        if (count == 1)
            return new Batch(first, 1);
        byte[] batch = new byte[size];
        queued = chunks.iterator();
        for (int i = 0, at = 0; i < count; i++)
        {
            byte[] next = queued.next().bytes();
            System.arraycopy(next, 0, batch, at, next.length);
            at += next.length;
        }
        return new Batch(batch, count);
    }

    /** The batch's chunks leave the queue (written, or handed to what writes them); returns its bytes. */
    byte[] consume(Batch batch)
    {
        for (int i = 0; i < batch.count(); i++)
        {
            Chunk chunk = chunks.poll();
            bytes -= chunk.bytes().length;
            metrics.budget().release(chunk.bytes().length);
            metrics.deliveredAfter(chunk.publishedNanos());
        }
        return batch.bytes();
    }

    /** Drops everything queued (the client is gone). */
    void clear()
    {
        metrics.budget().release(bytes);
        chunks.clear();
        bytes = 0;
    }
}
