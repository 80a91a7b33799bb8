// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrainQueueTest
{
    @Test
    void manyDrainsStartOnlyAsManyTasksAsWritersAndAllRun() throws Exception
    {
        List<Runnable> started = new ArrayList<>();
        StreamWriters queue = new StreamWriters(started::add, 2);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 1000; i++)
            queue.execute(ran::incrementAndGet);
        assertEquals(2, started.size(), "one task per writer, however many drains");
        started.get(0).run();
        assertEquals(1000, ran.get(), "one task works off every queued drain");
        started.get(1).run();
        queue.execute(ran::incrementAndGet);
        assertEquals(3, started.size(), "an idle queue starts a task again");
    }

    @Test
    void everyDrainRunsUnderConcurrentOffers() throws Exception
    {
        ExecutorService writers = Executors.newFixedThreadPool(2);
        ExecutorService offerers = Executors.newFixedThreadPool(4);
        try
        {
            StreamWriters queue = new StreamWriters(writers, 2);
            int total = 40_000;
            CountDownLatch done = new CountDownLatch(total);
            for (int t = 0; t < 4; t++)
                offerers.execute(() ->
                {
                    for (int i = 0; i < total / 4; i++)
                        queue.execute(done::countDown);
                });
            assertTrue(done.await(30, TimeUnit.SECONDS), "drains left behind: " + done.getCount());
        }
        finally
        {
            offerers.shutdownNow();
            writers.shutdownNow();
        }
    }

    @Test
    void aStoppedExecutorLeavesTheWorkToTheCaller()
    {
        StreamWriters queue = new StreamWriters(task ->
        {
            throw new RejectedExecutionException("stopped");
        }, 1);
        AtomicInteger ran = new AtomicInteger();
        queue.execute(ran::incrementAndGet);
        assertEquals(1, ran.get());
    }
}
