// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.net.ClientConnectionsMXBean;
import io.holdfast.net.LimitReports;
import io.holdfast.net.ListenerLoad;

/**
 * The client listener's connection limit, seen from the webapp (see {@code DescriptorBudget}).
 * On Jetty, Holdfast's listener enforces it ({@code ClientConnectionLimit} in holdfast-jetty.jar)
 * and publishes its counts over JMX, read here by attribute name. On Tomcat the webapp sets it as
 * the connector's {@code maxConnections} (lowering it, never raising one configured lower) through
 * Tomcat's own MBean, and samples the connector each second to count the times it was reached.
 * Elsewhere the limit is the container's business. What {@code /metrics} shows. Thread-safe.
 */
final class ClientConnections
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.connections");
    private static final String LIMIT = "maxConnections";
    private static final String COUNT = "connectionCount";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final int port;
    private volatile ObjectName tomcat;
    private volatile LimitReports tomcatReports;
    private boolean atLimit;

    private ClientConnections(int port)
    {
        this.port = port;
    }

    /**
     * Applies {@code limit} (0 = none) to the client listener on {@code port} where the webapp must
     * (Tomcat); {@code description} says how it was arrived at, for the log.
     */
    static ClientConnections start(int port, int limit, String description, ScheduledExecutorService timer)
    {
        ClientConnections connections = new ClientConnections(port);
        connections.applyToTomcat(limit, description, timer);
        return connections;
    }

    private void applyToTomcat(int limit, String description, ScheduledExecutorService timer)
    {
        try
        {
            Set<ObjectName> pools = server.queryNames(new ObjectName("*:type=ThreadPool,*"), null);
            for (ObjectName pool : pools)
            {
                if (!Integer.valueOf(port).equals(attribute(pool, "port")))
                    continue;
                int configured = ((Number)server.getAttribute(pool, LIMIT)).intValue();
                if (limit > 0 && (configured <= 0 || configured > limit))
                    server.setAttribute(pool, new javax.management.Attribute(LIMIT, limit));
                else
                    description = configured + " (the connector's maxConnections)";
                int applied = ((Number)server.getAttribute(pool, LIMIT)).intValue();
                tomcat = pool;
                tomcatReports = new LimitReports(port, applied);
                tomcatReports.started(description);
                timer.scheduleWithFixedDelay(this::sampleTomcat, 1, 1, TimeUnit.SECONDS);
                return;
            }
        }
        catch (JMException | RuntimeException e)
        {
            LOG.warn("cannot set the client connection limit on the container's connector for port {}: {}", port,
                e.toString());
        }
    }

    // Tomcat's acceptor waits at the limit with nothing to tell: reaching it is seen by sampling.
    private synchronized void sampleTomcat()
    {
        Optional<ListenerLoad> now = current();
        if (now.isEmpty())
            return;
        int limit = now.get().limit();
        boolean full = limit > 0 && now.get().open() >= limit;
        if (full && !atLimit)
            tomcatReports.reached();
        atLimit = full;
    }

    /** The listener's limit and counts now, where the container tells them. */
    Optional<ListenerLoad> current()
    {
        try
        {
            if (tomcat != null)
            {
                int limit = ((Number)server.getAttribute(tomcat, LIMIT)).intValue();
                int open = ((Number)server.getAttribute(tomcat, COUNT)).intValue();
                return Optional.of(new ListenerLoad(Math.max(0, limit), open, tomcatReports.count()));
            }
            ObjectName jetty = new ObjectName(ClientConnectionsMXBean.objectName(port));
            if (!server.isRegistered(jetty))
                return Optional.empty();
            return Optional.of(new ListenerLoad(((Number)server.getAttribute(jetty, "Limit")).intValue(),
                ((Number)server.getAttribute(jetty, "Open")).intValue(),
                ((Number)server.getAttribute(jetty, "LimitReached")).longValue()));
        }
        catch (JMException | RuntimeException gone)
        {
            return Optional.empty();
        }
    }

    private Object attribute(ObjectName name, String attribute)
    {
        try
        {
            return server.getAttribute(name, attribute);
        }
        catch (JMException | RuntimeException absent)
        {
            return null;
        }
    }
}
