// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.ConnectionStatistics;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import io.holdfast.app.HoldfastListener;
import io.holdfast.hub.ChannelHub;
import io.holdfast.jetty.HoldfastConnectionFactory;
import io.holdfast.jetty.HoldfastProtocols;
import io.holdfast.jetty.StartWarmUp;
import io.holdfast.jetty.TlsListener;
import io.holdfast.publish.zmq.ZmqSockets;
import io.holdfast.stats.HubActivity;
import io.holdfast.stats.HubMetrics;
import io.holdfast.transport.HoldClock;

/**
 * Holdfast on an embedded Jetty 12, wired exactly as the WAR is (the same listener, given its
 * settings as context init-params), with a client connector and a loopback control connector on
 * ephemeral ports. ZeroMQ sockets are off unless a test names their endpoints (use
 * {@code tcp://127.0.0.1:*} and ask {@link #zmqEndpoint} for the port), so servers never collide.
 * Start it with the settings a test needs; close it after. As jetty-base, the client connector
 * speaks HTTP/1.1 and cleartext HTTP/2; with {@code holdfast.tls.keystore} (and
 * {@code holdfast.tls.password}) among the settings a TLS connector speaking HTTP/2 and HTTP/1.1 is
 * added on an ephemeral port ({@link #httpsPort()}), built by the same code as the shipped one.
 */
public final class HoldfastServer implements AutoCloseable
{
    private final Server server;
    private final ServerConnector client;
    private final ServerConnector control;
    private final ServerConnector tls;
    private final ServletContextHandler context;
    private final ConnectionStatistics controlStatistics = new ConnectionStatistics();

    private static final Map<String, String> ZMQ_OFF = Map.of("holdfast.zmq.pull", "", "holdfast.zmq.sub", "",
        "holdfast.zmq.command", "", "holdfast.zmq.stats", "");

    private HoldfastServer(Map<String, String> settings, ManualClock clock) throws Exception
    {
        QueuedThreadPool threads = new QueuedThreadPool(64);
        threads.setName("holdfast");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        // As jetty-base/etc/holdfast-connectors.xml: paths are the origin's business, not the proxy's.
        http.setUriCompliance(UriCompliance.LEGACY);
        // As jetty-base and `mvn jetty:run`: Holdfast's connection factory (whole chunks, header names as given),
        // and h2c beside it.
        client = new ServerConnector(server, HoldfastProtocols.cleartext(http));
        client.setHost("127.0.0.1");
        client.setIdleTimeout(Long.parseLong(settings.getOrDefault("holdfast.http.idle.timeout", "30000")));
        // As holdfast-connectors.xml, for a test that asks for the warm-up (the others start without one).
        if (settings.containsKey("holdfast.warmup"))
            client.addBean(new StartWarmUp(client));
        control = new ServerConnector(server, new HoldfastConnectionFactory(http));
        control.setHost("127.0.0.1");
        control.setName("control");
        control.addBean(controlStatistics);
        // As holdfast-connectors.xml: what Jetty answers to a request it cannot parse is plain text.
        ErrorHandler errors = new ErrorHandler();
        errors.setDefaultResponseMimeType("text/plain");
        errors.setShowStacks(false);
        server.setErrorHandler(errors);
        server.addConnector(client);
        server.addConnector(control);
        String keystore = settings.get("holdfast.tls.keystore");
        tls = keystore == null ? null : TlsListener.connector(server, http, keystore, settings.get("holdfast.tls.password"));
        if (tls != null)
        {
            tls.setHost("127.0.0.1");
            tls.setIdleTimeout(client.getIdleTimeout());
            server.addConnector(tls);
            tls.open();
        }
        // Bind now so the control port is known before the webapp starts and reads its settings.
        client.open();
        control.open();

        context = new ServletContextHandler("/");
        Map<String, String> params = new HashMap<>(ZMQ_OFF);
        params.putAll(settings);
        params.put("holdfast.control.port", Integer.toString(control.getLocalPort()));
        params.forEach(context::setInitParameter);
        if (clock != null)
            context.setAttribute(HoldClock.ATTRIBUTE, clock.holdClock());
        JakartaWebSocketServletContainerInitializer.configure(context, null);
        context.addEventListener(new HoldfastListener());
        server.setHandler(context);
        server.start();
    }

    /** Starts Holdfast with {@code settings} ({@code holdfast.*} key to value). */
    public static HoldfastServer start(Map<String, String> settings) throws Exception
    {
        return new HoldfastServer(settings, null);
    }

    /**
     * Starts Holdfast with its holds on {@code clock}: long-poll timeouts, keep-alives, next-link
     * quiet periods, first-subscriber re-checks and the origin response timeout happen only as the
     * test advances it.
     */
    public static HoldfastServer start(Map<String, String> settings, ManualClock clock) throws Exception
    {
        return new HoldfastServer(settings, clock);
    }

    /** Starts Holdfast routing every host to {@code origin}. */
    public static HoldfastServer proxying(FakeOrigin origin) throws Exception
    {
        return start(Map.of("holdfast.routes", "* 127.0.0.1:" + origin.port()));
    }

    public int port()
    {
        return client.getLocalPort();
    }

    /** The TLS connector's port; only when started with a keystore. */
    public int httpsPort()
    {
        if (tls == null)
            throw new IllegalStateException("started without holdfast.tls.keystore: no TLS connector");
        return tls.getLocalPort();
    }

    /** Connections (sockets) open on the TLS port now. */
    public int tlsConnections()
    {
        return tls.getConnectedEndPoints().size();
    }

    /** Connections open on the client port: the proxy's client-side descriptors. */
    public int clientConnections()
    {
        return client.getConnectedEndPoints().size();
    }

    /** Connections accepted on the control port so far: how often publishers connected. */
    public long controlConnectionsAccepted()
    {
        return controlStatistics.getConnectionsTotal();
    }

    public int controlPort()
    {
        return control.getLocalPort();
    }

    /** The running channel hub, to observe subscriptions. */
    public ChannelHub hub()
    {
        return (ChannelHub)context.getServletContext().getAttribute(ChannelHub.class.getName());
    }

    /** The running instance's counters for {@code /metrics}. */
    public HubMetrics metrics()
    {
        return (HubMetrics)context.getServletContext().getAttribute(HubMetrics.class.getName());
    }

    /** The running instance's connections and subscriptions, as the stats socket reports them. */
    public HubActivity activity()
    {
        return (HubActivity)context.getServletContext().getAttribute(HubActivity.class.getName());
    }

    /** The running ZeroMQ sockets: endpoints in use and the count of rejected messages. */
    public ZmqSockets zmq()
    {
        return (ZmqSockets)context.getServletContext().getAttribute(ZmqSockets.class.getName());
    }

    /** The endpoint a ZeroMQ setting ({@code holdfast.zmq.pull}, ...) is bound to, its port resolved. */
    public String zmqEndpoint(String key)
    {
        String endpoint = zmq().endpoints().get(key);
        if (endpoint == null)
            throw new AssertionError(key + " is not bound");
        return endpoint;
    }

    @Override
    public void close() throws Exception
    {
        server.stop();
    }
}
