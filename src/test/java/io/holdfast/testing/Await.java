// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, checking it every few milliseconds. */
public final class Await
{
    private Await()
    {
    }

    /**
     * Lets {@code duration} pass: for checks that something does <em>not</em> happen within a
     * period, and for pacing a sender, where no condition can end the wait earlier.
     */
    public static void forAtLeast(Duration duration)
    {
        long until = System.nanoTime() + duration.toNanos();
        until("time passes", duration.plusSeconds(1), () -> System.nanoTime() >= until);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition)
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
