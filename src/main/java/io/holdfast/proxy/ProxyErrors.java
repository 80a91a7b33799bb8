// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.concurrent.TimeoutException;

import jakarta.servlet.http.HttpServletResponse;
import io.holdfast.transport.http.Responses;

/**
 * The proxy's own error responses, worded as Pushpin's: a terse body normally, the detailed reason
 * on {@code debug} routes (or with {@code holdfast.debug}). Thread-safe.
 */
final class ProxyErrors
{
    static final String BAD_GATEWAY = "Error while proxying to origin.";

    private final boolean globalDebug;
    private final ProxyLog log;

    ProxyErrors(boolean globalDebug, ProxyLog log)
    {
        this.globalDebug = globalDebug;
        this.log = log;
    }

    boolean globalDebug()
    {
        return globalDebug;
    }

    /** 502 for an origin that failed or sent unusable instructions; {@code detail} is the debug text. */
    void badGateway(ProxyExchange exchange, String detail)
    {
        status(exchange, 502, detail);
    }

    /** An error of the proxy's own with {@code status}: Pushpin's terse body, the detail on debug routes. */
    void status(ProxyExchange exchange, int status, String detail)
    {
        log.error(exchange, status, detail);
        String body = exchange.debug(globalDebug) ? detail : BAD_GATEWAY;
        Responses.send(exchange.async, Responses.text(status, body + "\n"));
    }

    /** An error Pushpin reports with the same text whatever the debug setting. */
    void plain(ProxyExchange exchange, int status, String message)
    {
        log.error(exchange, status, message);
        Responses.send(exchange.async, Responses.text(status, message + "\n"));
    }

    /**
     * The answer to a client whose own request could not be read, before any response began:
     * logged as the client's error, never the origin's, and the connection closed after it, since
     * the rest of the request cannot be told from a next one.
     */
    void clientFault(ProxyExchange exchange, ClientFault fault)
    {
        log.clientError(exchange, fault);
        ((HttpServletResponse)exchange.async.getResponse()).setHeader("Connection", "close");
        Responses.send(exchange.async, Responses.text(fault.status(), fault.body() + "\n"));
    }

    /** The client's answer when its exchange with the origin failed before the response began. */
    void originFailed(ProxyExchange exchange, Throwable failure, boolean connectFailed)
    {
        if (ProxyFailures.causedBy(failure, TimeoutException.class))
            status(exchange, 504, failure.getMessage());
        else if (ProxyFailures.causedBy(failure, ProxyFailures.InstructTooLarge.class))
            badGateway(exchange, "GRIP instruct response too large from " + exchange.target().describe());
        else if (connectFailed)
            badGateway(exchange, "Unable to connect to any targets. Tried: " + exchange.triedTargets());
        else
            badGateway(exchange, "Error while proxying to origin: " + failure.getMessage());
    }
}
