// SPDX-License-Identifier: Apache-2.0
package io.holdfast.net;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the times a client listener reached its connection limit, and says so in the log at most
 * every {@value #LOG_EVERY_SECONDS} s: in a flood the limit is reached again at every close, and a
 * line each time would be thousands. Shared by the Jetty listener's limit and the webapp's watch of
 * Tomcat's. Thread-safe.
 */
public final class LimitReports
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.connections");
    static final long LOG_EVERY_SECONDS = 10;

    private final int port;
    private final int limit;
    private long reached;
    private long sinceLog;
    private long lastLogNanos;

    public LimitReports(int port, int limit)
    {
        this.port = port;
        this.limit = limit;
    }

    /** The limit was reached again: new connections wait in the accept queue. */
    public synchronized void reached()
    {
        reached++;
        sinceLog++;
        long now = System.nanoTime();
        if (reached > 1 && now - lastLogNanos < TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS))
            return;
        LOG.warn("client connections reached the limit of {} on port {}: new connections wait in the accept queue "
            + "(reached {} times since the last report, {} in all)", limit, port, sinceLog, reached);
        sinceLog = 0;
        lastLogNanos = now;
    }

    /** Times the limit was reached. */
    public synchronized long count()
    {
        return reached;
    }

    /** States the limit at start: {@code description} from {@link DescriptorBudget#describe}. */
    public void started(String description)
    {
        LOG.info("client connections on port {}: at most {}", port, description);
    }
}
