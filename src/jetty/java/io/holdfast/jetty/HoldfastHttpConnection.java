// SPDX-License-Identifier: Apache-2.0
package io.holdfast.jetty;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.SelectableChannelEndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.net.DepartureWatch;

/**
 * Jetty's HTTP/1.1 connection with Holdfast's generator ({@link WholeChunkGenerator}), a watch
 * for a client that leaves while its request is held ({@link DepartureWatch}), and a log
 * line for a request whose head Jetty refuses (too large: 431; malformed: 400). Jetty answers
 * those before any webapp sees them and logs nothing, so without this a broken client left no
 * trace; the line has the proxy's shape ({@code GET /path -> code=431 client error: bad request
 * head (Request Header Fields Too Large)}). A request that reaches the webapp is logged there.
 */
class HoldfastHttpConnection extends HttpConnection implements DepartureWatch.Watched
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.proxy");

    private final DepartureWatch departures;
    private final ChunkWrites chunkWrites;
    // The current request's, from when it has been read until its response completes.
    private volatile DepartureWatch.Ticket ticket;

    HoldfastHttpConnection(HttpConfiguration config, Connector connector, EndPoint endPoint, DepartureWatch departures)
    {
        super(config, connector, endPoint);
        this.departures = departures;
        this.chunkWrites = new ChunkWrites(this, endPoint);
    }

    @Override
    public SocketChannel channel()
    {
        return ((SelectableChannelEndPoint)getEndPoint()).getChannel() instanceof SocketChannel socket ? socket : null;
    }

    @Override
    public void departed(IOException cause)
    {
        // As a failed read would: the request fails (the webapp's listeners hear of it and let go of it), then
        // the socket is closed, whatever the webapp does.
        EofException gone = new EofException(cause);
        Runnable fail = getHttpChannel().onFailure(gone);
        getExecutor().execute(() ->
        {
            try
            {
                if (fail != null)
                    fail.run();
            }
            finally
            {
                getEndPoint().close(gone);
            }
        });
    }

    @Override
    protected HttpStreamOverHTTP1 newHttpStream(String method, String uri, HttpVersion version)
    {
        return new HttpStreamOverHTTP1(method, uri, version)
        {
            @Override
            public void succeeded()
            {
                unwatch();
                super.succeeded();
            }

            @Override
            public void failed(Throwable x)
            {
                unwatch();
                super.failed(x);
            }
        };
    }

    // The response is done (or failed): before Jetty reads the connection again, the watch lets go.
    private void unwatch()
    {
        DepartureWatch.Ticket current = ticket;
        if (current == null)
            return;
        ticket = null;
        departures.release(current);
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
            private boolean head;

            @Override
            public void startRequest(String method, String uri, HttpVersion version)
            {
                requestLine = method + " " + uri;
                headComplete = false;
                head = "HEAD".equals(method);
                super.startRequest(method, uri, version);
            }

            @Override
            public boolean headerComplete()
            {
                headComplete = true;
                boolean handle = super.headerComplete();
                // A held stream's chunks may go straight to the connection (a HEAD response has no body).
                Request request = getHttpChannel().getRequest();
                if (request != null && !head)
                {
                    request.setAttribute(ChunkWrites.ATTRIBUTE, chunkWrites);
                    request.setAttribute(ChunkWrites.HEAD_ATTRIBUTE, chunkWrites.head());
                }
                return handle;
            }

            @Override
            public boolean messageComplete()
            {
                boolean handle = super.messageComplete();
                // Read in full: from now on only a departure or the next request can come from the client.
                if (getEndPoint() instanceof SelectableChannelEndPoint)
                    ticket = departures.watch(HoldfastHttpConnection.this);
                return handle;
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
