// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Finds WebSocket clients that vanished without a close: a subscriber may stay silent for hours,
 * and a peer that is gone is otherwise only noticed when the kernel gives up on a write. After a
 * quiet interval the client is pinged; if nothing at all is heard from it by the next check it is
 * dropped. The probe's pong is recognised by its payload and not passed to the origin. Runs on
 * the proxy's timer; thread-safe.
 */
final class ClientLiveness
{
    private static final byte[] PROBE = "holdfast-liveness".getBytes(StandardCharsets.US_ASCII);

    private final WsSession session;
    private final WsEnvironment env;
    private volatile long lastHeardNanos;
    private volatile boolean probing;
    private volatile ScheduledFuture<?> timer;

    ClientLiveness(WsSession session, WsEnvironment env)
    {
        this.session = session;
        this.env = env;
        this.lastHeardNanos = env.nanoTime();
    }

    void start()
    {
        if (env.pingIntervalMillis() > 0)
            schedule();
    }

    void stop()
    {
        ScheduledFuture<?> current = timer;
        if (current != null)
            current.cancel(false);
    }

    /** Any frame from the client proves it is there. */
    void heard()
    {
        lastHeardNanos = env.nanoTime();
        probing = false;
    }

    /** True for the pong that answers our own probe (it is not the origin's business). */
    static boolean isProbeReply(ByteBuffer pong)
    {
        return pong.equals(ByteBuffer.wrap(PROBE));
    }

    private void schedule()
    {
        timer = env.timer().schedule(this::check, env.pingIntervalMillis(), TimeUnit.MILLISECONDS);
    }

    private void check()
    {
        long quietMillis = TimeUnit.NANOSECONDS.toMillis(env.nanoTime() - lastHeardNanos);
        if (quietMillis >= env.pingIntervalMillis())
        {
            if (probing)
            {
                session.clientVanished();
                return;
            }
            probing = true;
            session.toClient(new ClientLeg.Ping(ByteBuffer.wrap(PROBE).asReadOnlyBuffer()));
        }
        schedule();
    }
}
