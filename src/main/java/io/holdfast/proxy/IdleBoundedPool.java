// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.DuplexConnectionPool;

/**
 * Jetty's pool of origin connections, keeping at most {@code maxIdle} of them idle: a connection
 * released beyond that is closed, and so are idle ones in excess. A burst of 10,000 held requests
 * opens many connections at once, and Jetty keeps every one it opened (even those a request never
 * needed in the end) for its idle timeout: two descriptors per held client where one is needed,
 * since the origin is done with a held request once it has answered. Thread-safe, as Jetty's.
 */
final class IdleBoundedPool extends DuplexConnectionPool
{
    private final int maxIdle;

    IdleBoundedPool(Destination destination, int maxConnections, int maxIdle)
    {
        super(destination, maxConnections);
        this.maxIdle = maxIdle;
    }

    // At its maximum a pool has nothing to create, and finding that out takes the pool's lock: when a
    // restart brought 10,000 requests at once, 190 container threads queued on that lock on one core,
    // each parking and waking in turn, and for 6 s the proxy held about 20 streams a second.
    @Override
    protected void tryCreate(boolean create)
    {
        if (getConnectionCount() >= getMaxConnectionCount())
            return;
        super.tryCreate(create);
    }

    @Override
    public boolean release(Connection connection)
    {
        boolean room = allMayIdle() || getIdleConnectionCount() < maxIdle;
        boolean kept = room && super.release(connection);
        if (!kept)
            remove(connection);
        // Not kept means closed: Jetty's destination closes what its pool does not take back.
        trim();
        return kept;
    }

    // A connection opened for a request that another served first goes idle here, once the
    // destination has handed it to whatever waits, and no release would ever trim it.
    @Override
    protected void proceed()
    {
        super.proceed();
        trim();
    }

    // Counting the idle ones walks the whole pool; with no more connections than may idle, there is
    // no need: however many are idle, all may be.
    private boolean allMayIdle()
    {
        return getConnectionCount() <= maxIdle;
    }

    private void trim()
    {
        if (allMayIdle())
            return;
        for (int excess = getIdleConnectionCount() - maxIdle; excess > 0; excess--)
        {
            Connection idle = acquire(false);
            if (idle == null)
                return;
            remove(idle);
            idle.close();
        }
    }
}
