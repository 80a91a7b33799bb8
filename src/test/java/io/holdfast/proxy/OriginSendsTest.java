// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginSendsTest
{
    private final OriginSends sends = new OriginSends();

    @Test
    void withNobodySendingTheCallerSendsAtOnce()
    {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        sends.send(() -> ranOn.set(Thread.currentThread()));
        assertSame(Thread.currentThread(), ranOn.get());
    }

    @Test
    void aRequestLeftWhileAnotherThreadSendsIsSentByThatThread() throws Exception
    {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch letFirstFinish = new CountDownLatch(1);
        AtomicReference<Thread> secondRanOn = new AtomicReference<>();
        Thread sender = new Thread(() -> sends.send(() ->
        {
            firstStarted.countDown();
            await(letFirstFinish);
        }));
        sender.start();
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));

        sends.send(() -> secondRanOn.set(Thread.currentThread()));
        assertNull(secondRanOn.get(), "left for the sending thread; the caller went on");

        letFirstFinish.countDown();
        sender.join(10_000);
        assertSame(sender, secondRanOn.get());
    }

    @Test
    void everyRequestIsSentOnceAndNeverTwoAtATime() throws Exception
    {
        int threads = 8;
        int each = 20_000;
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            Thread sender = new Thread(() ->
            {
                for (int i = 0; i < each; i++)
                    sends.send(() ->
                    {
                        mostAtOnce.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                        sent.incrementAndGet();
                        concurrent.decrementAndGet();
                    });
            });
            senders.add(sender);
            sender.start();
        }
        for (Thread sender : senders)
            sender.join(60_000);
        // Every send() returns only once its request was sent or another thread had taken the queue over,
        // and that thread sends until the queue is empty: by the time all have returned, all are sent.
        assertEquals(threads * each, sent.get());
        assertEquals(1, mostAtOnce.get());
    }

    private static void await(CountDownLatch latch)
    {
        try
        {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}
