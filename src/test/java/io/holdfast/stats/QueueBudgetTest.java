// SPDX-License-Identifier: Apache-2.0
package io.holdfast.stats;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueBudgetTest
{
    @Test
    void exhaustedAtItsLimitAndNeverWithoutOne()
    {
        QueueBudget budget = new QueueBudget(100);
        budget.add(99);
        assertFalse(budget.exhausted());
        budget.add(1);
        assertTrue(budget.exhausted());
        budget.release(1);
        assertFalse(budget.exhausted());
        assertEquals(99, budget.queued());
        QueueBudget unlimited = new QueueBudget(0);
        unlimited.add(Long.MAX_VALUE / 2);
        assertFalse(unlimited.exhausted());
    }

    @Test
    void aWaiterGoesOnOnceEnoughIsReleased() throws Exception
    {
        QueueBudget budget = new QueueBudget(100);
        budget.add(150);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() ->
        {
            started.countDown();
            try
            {
                budget.awaitRoom();
            }
            catch (InterruptedException e)
            {
                throw new IllegalStateException(e);
            }
        });
        started.await();
        budget.release(40);
        assertFalse(waiter.isDone() && budget.exhausted(), "still 110 queued: it waits");
        budget.release(20);
        waiter.get(10, TimeUnit.SECONDS);
        assertFalse(budget.exhausted());
    }

    @Test
    void noWaitWhenThereIsRoom() throws Exception
    {
        QueueBudget budget = new QueueBudget(100);
        budget.add(10);
        CompletableFuture.runAsync(() ->
        {
            try
            {
                budget.awaitRoom();
            }
            catch (InterruptedException e)
            {
                throw new IllegalStateException(e);
            }
        }).get(10, TimeUnit.SECONDS);
    }
}
