// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per client request, in Pushpin's shape so existing log tooling keeps working:
 * {@code GET http://host/path -> 127.0.0.1:9100 code=200 551}, {@code ... -> test accept},
 * {@code ... accept retry}. A failure of the origin's is an {@code error:}; one of the client's own
 * request is a {@code client error:} ({@code POST http://host/up -> 127.0.0.1:9100 code=400 client
 * error: bad request body (HttpEofException: Early EOF)}). Thread-safe.
 */
final class ProxyLog
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.proxy");

    void relayed(ProxyExchange exchange, int status, long bodyBytes)
    {
        if (LOG.isInfoEnabled())
            LOG.info("{} -> {} code={} {}", exchange.describe(), exchange.target().describe(), status, bodyBytes);
    }

    void accepted(ProxyExchange exchange, boolean retry)
    {
        if (LOG.isInfoEnabled())
            LOG.info("{} -> {} accept{}", exchange.describe(), exchange.target().describe(), retry ? " retry" : "");
    }

    void answered(ProxyExchange exchange, int status, long bodyBytes, boolean retry)
    {
        if (LOG.isInfoEnabled())
            LOG.info("{} -> {} code={} {}{}", exchange.describe(), exchange.target().describe(), status, bodyBytes,
                retry ? " retry" : "");
    }

    void failed(ProxyExchange exchange, Throwable failure)
    {
        LOG.info("{} -> {} error: {}", exchange.describe(), exchange.target().describe(), failure.toString());
    }

    /** The origin connection was lost before any response, and the request goes out again on a new one. */
    void resent(ProxyExchange exchange, Throwable failure)
    {
        LOG.info("{} -> {} connection lost before a response ({}): sending again", exchange.describe(),
            exchange.target().describe(), failure.getClass().getSimpleName());
    }

    void error(ProxyExchange exchange, int status, String detail)
    {
        LOG.info("{} -> {} code={} error: {}", exchange.describe(), exchange.target().describe(), status, detail);
    }

    /** The client's request could not be read, and the client was answered {@code fault}'s status. */
    void clientError(ProxyExchange exchange, ClientFault fault)
    {
        LOG.info("{} -> {} code={} client error: {}", exchange.describe(), exchange.target().describe(), fault.status(),
            fault.reason());
    }

    /**
     * The client's request could not be read after its response had begun: the origin's, of which the
     * client got {@code status} and {@code bodyBytes} before it was cut off, or (status 0) the
     * container's own.
     */
    void clientFailed(ProxyExchange exchange, int status, long bodyBytes, ClientFault fault)
    {
        if (status > 0)
            LOG.info("{} -> {} code={} {} client error: {}", exchange.describe(), exchange.target().describe(), status,
                bodyBytes, fault.reason());
        else
            LOG.info("{} -> {} client error: {}", exchange.describe(), exchange.target().describe(), fault.reason());
    }

    void noRoute(HttpServletRequest clientRequest, String host)
    {
        String query = clientRequest.getQueryString();
        LOG.info("{} {}{} -> no route for host {}", clientRequest.getMethod(), clientRequest.getRequestURL(),
            query == null ? "" : "?" + query, host);
    }
}
