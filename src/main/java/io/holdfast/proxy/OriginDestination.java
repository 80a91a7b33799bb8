// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import org.eclipse.jetty.client.AbstractConnectionPool;
import org.eclipse.jetty.client.ConnectionPool;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.client.transport.HttpDestination;
import org.eclipse.jetty.io.ClientConnector;

/**
 * Jetty's destination for one origin, except that a new connection that fails to open fails the
 * requests queued for the origin only when no connection to it is open. Jetty fails every queued
 * request whenever one connection attempt fails: when a restart brings 10,000 clients back at once
 * and one SYN to the origin is lost under the burst (its connect then times out), thousands of
 * requests that the open connections were about to serve got a 502, and their clients came back
 * once more. With a connection open, the origin is reachable: what is queued waits for it, as a
 * request waits for its own connection in Pushpin. With none open, the origin is down, and the
 * queue fails at once, as before. A request never waits unbounded: the origin response timeout
 * ({@code holdfast.origin.response.timeout}) runs from when it was sent, queue time included.
 */
final class OriginDestination extends HttpDestination
{
    private OriginDestination(HttpClient client, Origin origin)
    {
        super(client, origin);
    }

    /** HTTP/1.1 to origins, each origin's requests queued in an {@code OriginDestination}. */
    static HttpClientTransportOverHTTP transport(ClientConnector connector)
    {
        return new HttpClientTransportOverHTTP(connector)
        {
            @Override
            public Destination newDestination(Origin origin)
            {
                return new OriginDestination(getHttpClient(), origin);
            }
        };
    }

    @Override
    public void failed(Throwable connectFailure)
    {
        if (openConnections(getConnectionPool()) > 0)
            return;
        super.failed(connectFailure);
    }

    /** Connections open to the origin, in use or idle; attempts still opening are not counted. */
    private static int openConnections(ConnectionPool pool)
    {
        if (pool instanceof AbstractConnectionPool counted)
            return counted.getActiveConnectionCount() + counted.getIdleConnectionCount();
        // A pool that cannot say: Jetty's own behaviour.
        return 0;
    }
}
