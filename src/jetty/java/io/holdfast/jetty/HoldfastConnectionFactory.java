// SPDX-License-Identifier: Apache-2.0
package io.holdfast.jetty;

import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.annotation.Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.net.DepartureWatch;

/**
 * Jetty's HTTP/1.1 connection factory with Holdfast's connection ({@link HoldfastHttpConnection}):
 * chunks complete on the wire when written, header names as given, refused request heads logged.
 * Holdfast's listeners use it in {@code jetty-base/etc/holdfast-connectors.xml}, shared by
 * jetty-home and {@code mvn jetty:run}.
 *
 * <p>It is container code, not webapp code: it lives in {@code holdfast-jetty.jar} on Jetty's own
 * class path (jetty-base's {@code holdfast} module), because a webapp cannot reach the server's
 * connections. Servlet code has no hook into HTTP/1.1 framing; Jetty's extension point is the
 * connection's {@code newHttpGenerator()}. Everything else is Jetty's, configured as
 * {@link HttpConnectionFactory} configures it.
 */
public class HoldfastConnectionFactory extends HttpConnectionFactory
{
    private static final Logger LOG = LoggerFactory.getLogger(HoldfastConnectionFactory.class);
    /** Read once by Jetty's generator: set it on the command line, before Jetty starts. */
    static final String STRICT_PROPERTY = "org.eclipse.jetty.http.HttpGenerator.STRICT";

    private final DepartureWatch departures;

    public HoldfastConnectionFactory()
    {
        this(new HttpConfiguration());
    }

    public HoldfastConnectionFactory(@Name("config") HttpConfiguration config)
    {
        super(config);
        departures = new DepartureWatch("holdfast-departures-" + System.identityHashCode(this));
        if (!HttpGenerator.__STRICT)
            LOG.warn("-D{}=true is not set: Jetty rewrites relayed Content-Type values into its own spelling",
                STRICT_PROPERTY);
    }

    @Override
    protected void doStop() throws Exception
    {
        super.doStop();
        departures.stop();
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint)
    {
        HttpConnection connection = new HoldfastHttpConnection(getHttpConfiguration(), connector, endPoint, departures);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }
}
