// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The time that holds run on: when a long-poll times out, when a keep-alive is due, how long a
 * stream has been quiet. One timer thread for all held connections, and the monotonic clock that
 * the timer's delays are measured against.
 *
 * <p>A separate value rather than {@code System.nanoTime()} inline so that a test whose subject
 * is time can drive both by hand ({@code ManualClock} in the tests) instead of waiting for them.
 */
public record HoldClock(ScheduledExecutorService timer, LongSupplier nanos)
{
    /** The servlet-context attribute under which a test hands the listener its own clock. */
    public static final String ATTRIBUTE = HoldClock.class.getName();

    /** Wall time: {@code System.nanoTime()} and {@code timer}. */
    public static HoldClock system(ScheduledExecutorService timer)
    {
        return new HoldClock(timer, System::nanoTime);
    }

    public long nanoTime()
    {
        return nanos.getAsLong();
    }
}
