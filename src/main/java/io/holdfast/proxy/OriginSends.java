// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands requests to the HTTP client one thread at a time. Sending takes locks inside Jetty's
 * client (the destination map's entry for the origin, the connection pool's, its request queue's):
 * when a restart brought 10,000 clients back at once, up to 200 container threads met on those
 * locks on one core, each parking and waking in turn, and the proxy held a few dozen streams a
 * second for seconds. Here a thread that finds another sending leaves its request in a queue and
 * goes; the sending thread sends it too before it stops. Without contention a request is sent at
 * once by the thread that has it. Sends do not block (the client writes without waiting), so the
 * queue drains at the client's pace. Thread-safe.
 */
final class OriginSends
{
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();

    /** Runs {@code send} now, or has the thread sending now run it; it must not throw. */
    void send(Runnable send)
    {
        waiting.add(send);
        // A request left just after the sender's last look is found here, by its own thread or the next.
        while (!waiting.isEmpty() && sending.compareAndSet(false, true))
        {
            try
            {
                for (Runnable next = waiting.poll(); next != null; next = waiting.poll())
                    next.run();
            }
            finally
            {
                sending.set(false);
            }
        }
    }
}
