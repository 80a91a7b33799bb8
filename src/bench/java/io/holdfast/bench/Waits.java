// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.util.function.BooleanSupplier;

final class Waits
{
    private Waits()
    {
    }

    /** Polls {@code condition} every 20 ms until it holds (true) or the time is up (false). */
    static boolean until(long timeoutMillis, BooleanSupplier condition)
    {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true)
        {
            if (condition.getAsBoolean())
                return true;
            if (System.nanoTime() > deadline)
                return false;
            sleep(20);
        }
    }

    /** Sleeps until {@code System.nanoTime()} reaches {@code dueNanos} (at once if it has). */
    static void sleepUntil(long dueNanos)
    {
        long millis = (dueNanos - System.nanoTime()) / 1_000_000;
        if (millis > 0)
            sleep(millis);
    }

    static void sleep(long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
