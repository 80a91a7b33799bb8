// SPDX-License-Identifier: Apache-2.0
package io.holdfast.jetty;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's HTTP/1.1 connection with Holdfast's generator ({@link WholeChunkGenerator}), and a log
 * line for a request whose head Jetty refuses (too large: 431; malformed: 400). Jetty answers
 * those before any webapp sees them and logs nothing, so without this a broken client left no
 * trace; the line has the proxy's shape ({@code GET /path -> code=431 client error: bad request
 * head (Request Header Fields Too Large)}). A request that reaches the webapp is logged there.
 */
class HoldfastHttpConnection extends HttpConnection
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.proxy");

    HoldfastHttpConnection(HttpConfiguration config, Connector connector, EndPoint endPoint)
    {
        super(config, connector, endPoint);
    }

    @Override
    protected HttpGenerator newHttpGenerator()
    {
        return new WholeChunkGenerator();
    }

    @Override
    protected RequestHandler newRequestHandler()
    {
        return new RequestHandler()
        {
            // The request line, once read, and whether the head was complete: then the webapp has it.
            private String requestLine = "-";
            private boolean headComplete;

            @Override
            public void startRequest(String method, String uri, HttpVersion version)
            {
                requestLine = method + " " + uri;
                headComplete = false;
                super.startRequest(method, uri, version);
            }

            @Override
            public boolean headerComplete()
            {
                headComplete = true;
                return super.headerComplete();
            }

            @Override
            public void badMessage(HttpException failure)
            {
                if (!headComplete)
                    LOG.info("{} -> code={} client error: bad request head ({})", requestLine, failure.getCode(),
                        failure.getReason() != null ? failure.getReason() : HttpStatus.getMessage(failure.getCode()));
                requestLine = "-";
                super.badMessage(failure);
            }
        };
    }
}
