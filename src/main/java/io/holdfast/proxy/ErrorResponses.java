// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.http.HttpServletResponse;

import io.holdfast.transport.http.Responses;

/**
 * The proxy's own error responses, worded as Pushpin's: a terse body normally, the detailed reason
 * on {@code debug} routes (or with {@code holdfast.debug}). Thread-safe.
 */
final class ErrorResponses
{
    static final String BAD_GATEWAY = "Error while proxying to origin.";

    private final boolean globalDebug;
    private final ProxyLog log;
    private final Runnable counted;

    /** @param counted counts a 502 or 504 answered for the origin, for {@code /metrics} and the dashboard */
    ErrorResponses(boolean globalDebug, ProxyLog log, Runnable counted)
    {
        this.globalDebug = globalDebug;
        this.log = log;
        this.counted = counted;
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
        counted.run();
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

    /**
     * The client's own request failed while the origin was asked: answered as {@link #clientFault}
     * if nothing of a response has gone out, else cut off, since the response it has cannot be
     * finished. {@code originStatus} is the status of the origin's response if one began (else 0).
     */
    void clientFailed(ProxyExchange exchange, HttpServletResponse proxyResponse, int originStatus, ClientFault fault)
    {
        if (!proxyResponse.isCommitted() && exchange.relayed == 0)
        {
            // The origin's response may have begun meanwhile: what of its head was copied goes.
            proxyResponse.reset();
            clientFault(exchange, fault);
            return;
        }
        // Either the origin's response is being relayed, or the container answered the client itself
        // (Tomcat sends its own error page after a failed read, or closes the connection).
        boolean relaying = exchange.capture == null && originStatus > 0;
        log.clientFailed(exchange, relaying ? originStatus : 0, exchange.relayed, fault);
        try
        {
            // Jetty's way to cut the client off, even before the commit, where Jetty's proxy would
            // answer 502 instead; a container that committed the response refuses it.
            proxyResponse.sendError(-1);
        }
        catch (IOException | IllegalStateException ignored)
        {
            // the container answered
        }
        finally
        {
            try
            {
                exchange.async.complete();
            }
            catch (IllegalStateException ignored)
            {
                // already completed
            }
        }
    }

    /** The client's answer when its exchange with the origin failed before the response began. */
    void originFailed(ProxyExchange exchange, Throwable failure, boolean connectFailed)
    {
        if (ExchangeFailures.causedBy(failure, TimeoutException.class))
            status(exchange, 504, failure.getMessage());
        else if (ExchangeFailures.causedBy(failure, ExchangeFailures.InstructTooLarge.class))
            badGateway(exchange, "GRIP instruct response too large from " + exchange.target().describe());
        else if (connectFailed)
            badGateway(exchange, "Unable to connect to any targets. Tried: " + exchange.triedTargets());
        else
            badGateway(exchange, "Error while proxying to origin: " + failure.getMessage());
    }
}
