// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * How a proxied exchange failed, which decides what the client gets: a failover to the next
 * target, a 502 or a 504 when the origin failed, a 4xx ({@link ClientFault}) when the client's own
 * request did. Stateless.
 */
final class ExchangeFailures
{
    private ExchangeFailures()
    {
    }

    /** Pushpin fails over to the next target only when the connection itself could not be made. */
    static boolean isConnectFailure(Throwable failure)
    {
        for (Throwable t = failure; t != null; t = t.getCause())
        {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                || t instanceof UnresolvedAddressException || t instanceof SSLHandshakeException)
                return true;
            if (t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).contains("Connect"))
                return true;
            if (t.getCause() == t)
                break;
        }
        return false;
    }

    /**
     * The origin closed or reset the connection. On a kept-alive connection that can happen just
     * as the request goes out, before the origin read a byte of it: the origin closing an idle
     * connection and the proxy reusing it race.
     */
    static boolean isConnectionLost(Throwable failure)
    {
        if (causedBy(failure, EOFException.class) || causedBy(failure, ClosedChannelException.class))
            return true;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause())
        {
            String message = String.valueOf(t.getMessage());
            if (t instanceof IOException && (message.contains("Connection reset") || message.contains("Broken pipe")))
                return true;
        }
        return false;
    }

    /**
     * An idle timeout, rather than the wait for the origin's response head: while the proxy waits
     * for the client's next body bytes, an idle origin connection is the client's stall.
     */
    static boolean isIdleTimeout(Throwable failure)
    {
        return causedBy(failure, TimeoutException.class) && !causedBy(failure, NoResponseInTime.class);
    }

    static boolean causedBy(Throwable failure, Class<? extends Throwable> type)
    {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause())
        {
            if (type.isInstance(t))
                return true;
        }
        return false;
    }

    /**
     * Reading the client's request body failed: it was malformed, cut short, stalled past the
     * container's idle timeout, or too large. Raised only where the client's body is read
     * ({@link ClientBody}), so an origin request failed with it is never the origin's fault; the
     * container's own exception is the cause.
     */
    static class ClientBodyFailure extends IOException
    {
        ClientBodyFailure(Throwable cause)
        {
            super("client request body: " + cause, cause);
        }

        ClientBodyFailure(String message)
        {
            super(message);
        }
    }

    /** The client's body exceeded {@code holdfast.request.max.body} while it streamed. */
    static final class RequestTooLarge extends ClientBodyFailure
    {
        final long limit;

        RequestTooLarge(long limit)
        {
            super("request body over " + limit + " bytes");
            this.limit = limit;
        }
    }

    /** The origin sent no response head within {@code holdfast.origin.response.timeout}. */
    static final class NoResponseInTime extends TimeoutException
    {
        NoResponseInTime(long millis)
        {
            super("no response from the origin within " + millis + " ms");
        }
    }

    /** The GRIP response exceeded what the proxy keeps in memory. */
    static final class InstructTooLarge extends IOException
    {
        InstructTooLarge()
        {
            super("GRIP instruct response too large");
        }
    }
}
