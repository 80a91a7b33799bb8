// SPDX-License-Identifier: Apache-2.0
package io.holdfast.jetty;

import java.lang.management.ManagementFactory;
import java.nio.channels.SelectableChannel;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.util.annotation.Name;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

import io.holdfast.net.ClientConnectionsMXBean;
import io.holdfast.net.DescriptorBudget;
import io.holdfast.net.LimitReports;

/**
 * Holdfast's client listener lets in at most {@code holdfast.client.maxconn} connections at once
 * (by default the descriptor limit less a reserve, {@link DescriptorBudget}); past it the listener
 * stops accepting, so new clients wait in the kernel's accept queue (and are refused once that is
 * full), and accepts again as connections close. A process out of descriptors fails wherever it
 * next opens a file, and the failures are lasting: a class that could not be read stays unloadable.
 *
 * <p>Jetty's own {@code NetworkConnectionLimit} does the same but logs at every crossing of the
 * limit, thousands of lines in a flood; here reaching it is counted, logged now and then
 * ({@link LimitReports}), and published for {@code /metrics}
 * ({@link ClientConnectionsMXBean}). Added as a bean of the client connector in
 * {@code etc/holdfast-connectors.xml}. Thread-safe: the connector's selectors call it.
 */
public class ClientConnectionLimit extends AbstractLifeCycle
    implements SelectorManager.AcceptListener, ClientConnectionsMXBean
{
    private final AbstractNetworkConnector connector;
    private final int limit;
    private final String description;
    private int open;
    private int pending;
    private boolean limiting;
    private volatile LimitReports reports;
    private ObjectName name;

    public ClientConnectionLimit(@Name("setting") String setting, @Name("connector") AbstractNetworkConnector connector)
    {
        long maxDescriptors = DescriptorBudget.maxDescriptors();
        this.connector = connector;
        this.limit = DescriptorBudget.clientLimit(setting, maxDescriptors);
        this.description = DescriptorBudget.describe(setting, maxDescriptors);
    }

    @Override
    protected void doStart() throws Exception
    {
        // The port is known once the connector is configured, not when this is made.
        reports = new LimitReports(connector.getPort(), limit);
        reports.started(description);
        name = new ObjectName(ClientConnectionsMXBean.objectName(connector.getPort()));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(name))
            server.unregisterMBean(name);
        server.registerMBean(this, name);
    }

    @Override
    protected void doStop()
    {
        try
        {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        }
        catch (JMException gone)
        {
            // unregistered already: nothing to undo
        }
    }

    @Override
    public synchronized void onAccepting(SelectableChannel channel)
    {
        pending++;
        check();
    }

    @Override
    public synchronized void onAcceptFailed(SelectableChannel channel, Throwable cause)
    {
        pending--;
        check();
    }

    @Override
    public synchronized void onAccepted(SelectableChannel channel)
    {
        pending--;
        open++;
        check();
    }

    @Override
    public synchronized void onClosed(SelectableChannel channel)
    {
        open--;
        check();
    }

    private void check()
    {
        if (limit <= 0)
            return;
        boolean full = open + pending >= limit;
        if (full == limiting)
            return;
        limiting = full;
        connector.setAccepting(!full);
        if (full)
            reports.reached();
    }

    @Override
    public int getLimit()
    {
        return limit;
    }

    @Override
    public synchronized int getOpen()
    {
        return open;
    }

    @Override
    public long getLimitReached()
    {
        return reports.count();
    }
}
