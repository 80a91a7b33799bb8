// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientEndTest
{
    @Test
    void aHoldTrackedBeforeTheClientLeavesEndsWhenItLeaves()
    {
        ClientEnd clientEnd = new ClientEnd();
        AtomicInteger ended = new AtomicInteger();
        clientEnd.track(ended::incrementAndGet);
        assertFalse(clientEnd.hasEnded());
        assertEquals(0, ended.get(), "not ended while the client is there");
        clientEnd.ended();
        assertTrue(clientEnd.hasEnded());
        assertEquals(1, ended.get());
    }

    @Test
    void aHoldTrackedAfterTheClientLeftEndsAtOnce()
    {
        ClientEnd clientEnd = new ClientEnd();
        clientEnd.ended();
        AtomicInteger ended = new AtomicInteger();
        clientEnd.track(ended::incrementAndGet);
        assertEquals(1, ended.get());
    }

    @Test
    void onlyTheHoldTrackedLastEndsWithTheClient()
    {
        ClientEnd clientEnd = new ClientEnd();
        AtomicInteger takenOver = new AtomicInteger();
        AtomicInteger current = new AtomicInteger();
        clientEnd.track(takenOver::incrementAndGet);
        clientEnd.track(current::incrementAndGet);
        clientEnd.ended();
        assertEquals(0, takenOver.get(), "a hold a retry took over ended already, by its own means");
        assertEquals(1, current.get());
    }

    @Test
    void noEndIsMissedWhenTheClientLeavesAsTheHoldIsTracked() throws Exception
    {
        CyclicBarrier start = new CyclicBarrier(2);
        for (int round = 0; round < 2_000; round++)
        {
            ClientEnd clientEnd = new ClientEnd();
            AtomicInteger ended = new AtomicInteger();
            Thread leaving = new Thread(() ->
            {
                await(start);
                clientEnd.ended();
            });
            leaving.start();
            await(start);
            clientEnd.track(ended::incrementAndGet);
            leaving.join();
            assertTrue(ended.get() >= 1, "round " + round + ": the hold was never ended");
        }
    }

    private static void await(CyclicBarrier barrier)
    {
        try
        {
            barrier.await();
        }
        catch (Exception e)
        {
            throw new AssertionError(e);
        }
    }
}
