// SPDX-License-Identifier: Apache-2.0
package io.holdfast.jetty;

import java.util.function.IntUnaryOperator;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.annotation.Name;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Holdfast's start-up warm-up (the webapp's {@code holdfast.warmup}) before the client
 * listener accepts anyone. A bean of that listener: Jetty starts a listener's beans after it binds
 * its port and before it accepts, and it starts listeners after every webapp, so the webapps are
 * ready and reconnecting clients wait in the accept queue meanwhile. The warm-up's requests go
 * through a listener of the same protocol on a loopback port that exists only for it, so that the
 * container's own code on the request path is compiled too, not only the webapp's. A webapp offers
 * its warm-up as the context attribute {@code io.holdfast.warmup} (an {@link IntUnaryOperator}
 * from that port to the holds it set up), a JDK type because the webapp's classes are not Jetty's.
 */
public class StartWarmUp extends AbstractLifeCycle
{
    private static final Logger LOG = LoggerFactory.getLogger(StartWarmUp.class);
    static final String ATTRIBUTE = "io.holdfast.warmup";

    private final ServerConnector connector;

    public StartWarmUp(@Name("connector") ServerConnector connector)
    {
        this.connector = connector;
    }

    @Override
    protected void doStart() throws Exception
    {
        Server server = connector.getServer();
        for (ContextHandler context : server.getDescendants(ContextHandler.class))
        {
            if (context.getContext().getAttribute(ATTRIBUTE) instanceof IntUnaryOperator warmUp)
            {
                context.getContext().removeAttribute(ATTRIBUTE);
                run(server, context, warmUp);
            }
        }
        super.doStart();
    }

    private void run(Server server, ContextHandler context, IntUnaryOperator warmUp) throws Exception
    {
        HttpConfiguration config = connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
        ServerConnector warmUpListener = new ServerConnector(server, connector.getAcceptors(),
            connector.getSelectorManager().getSelectorCount(), new HoldfastConnectionFactory(config));
        warmUpListener.setName("warm-up");
        warmUpListener.setHost("127.0.0.1");
        warmUpListener.setIdleTimeout(connector.getIdleTimeout());
        // The warm-up connects many at once; a short queue would drop SYNs and stall it a second each.
        warmUpListener.setAcceptQueueSize(Math.max(1024, connector.getAcceptQueueSize()));
        try
        {
            warmUpListener.start();
            // In the webapp's scope (its class loader), as a request would run.
            context.getContext().run(() -> warmUp.applyAsInt(warmUpListener.getLocalPort()));
        }
        catch (RuntimeException e)
        {
            // A warm-up that fails leaves a slower start, not a broken one.
            LOG.warn("Holdfast's warm-up failed: {}", e.toString());
        }
        finally
        {
            warmUpListener.stop();
        }
    }
}
