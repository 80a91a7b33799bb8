// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OriginLanesTest
{
    @Test
    void atMostSoManyRetriesToOneOriginAreInFlightAndTheRestFollowInOrder()
    {
        OriginLanes lanes = new OriginLanes(2);
        List<Runnable> inFlight = new ArrayList<>();
        List<Integer> started = new ArrayList<>();
        for (int i = 0; i < 5; i++)
        {
            int n = i;
            lanes.run("http://127.0.0.1:9000/poll?x=" + n, done ->
            {
                started.add(n);
                inFlight.add(done);
            });
        }
        assertEquals(List.of(0, 1), started, "two lanes");
        lanes.run("http://127.0.0.1:9001/other", done -> started.add(100));
        assertEquals(List.of(0, 1, 100), started, "another origin has lanes of its own");
        inFlight.get(0).run();
        inFlight.get(0).run();
        assertEquals(List.of(0, 1, 100, 2), started, "a finished retry hands its lane on, once");
        inFlight.get(1).run();
        inFlight.get(2).run();
        assertEquals(List.of(0, 1, 100, 2, 3, 4), started);
    }

    @Test
    void retriesThatFinishAtOnceDoNotPileUpOnTheStack()
    {
        OriginLanes lanes = new OriginLanes(1);
        AtomicInteger ran = new AtomicInteger();
        List<Runnable> first = new ArrayList<>();
        lanes.run("http://origin:80/a", first::add);
        for (int i = 0; i < 100_000; i++)
            lanes.run("http://origin:80/a", done ->
            {
                ran.incrementAndGet();
                done.run();
            });
        first.get(0).run();
        assertEquals(100_000, ran.get());
    }

    @Test
    void aRetryThatThrowsGivesItsLaneBack()
    {
        OriginLanes lanes = new OriginLanes(1);
        assertThrows(IllegalStateException.class, () -> lanes.run("http://origin:80/a", done ->
        {
            throw new IllegalStateException("no client");
        }));
        AtomicInteger ran = new AtomicInteger();
        lanes.run("http://origin:80/a", done -> ran.incrementAndGet());
        assertEquals(1, ran.get());
    }
}
