// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * What the client is told, and what the log says, when the client's own request could not be read:
 * {@code 400} for a body that is malformed or cut short (Jetty reports both as an early EOF),
 * {@code 408} for one that stalled past the container's idle timeout (or the origin connection's,
 * idle meanwhile), {@code 413} for one over {@code holdfast.request.max.body}. The bodies are
 * terse, as Pushpin words its own errors; the log's {@link #reason} names the exception.
 *
 * @param status the status the client gets
 * @param body the response body, without its newline
 * @param reason the log's words, after {@code client error:}
 */
record ClientFault(int status, String body, String reason)
{
    static ClientFault tooLarge(long limit)
    {
        return new ClientFault(413, "Request body too large.", "request body too large (over " + limit + " bytes)");
    }

    /** The origin connection went idle, and timed out, while the proxy waited for the client's next bytes. */
    static ClientFault stalled(Throwable originIdleTimeout)
    {
        return new ClientFault(408, "Request body timed out.",
            "request body timed out (the origin connection idled waiting for it: " + describe(originIdleTimeout) + ")");
    }

    /** The client's fault in a failed exchange, when what failed was reading the client's body. */
    static Optional<ClientFault> of(Throwable failure)
    {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause())
        {
            if (t instanceof ExchangeFailures.ClientBodyFailure clientFailure)
                return Optional.of(from(clientFailure));
        }
        return Optional.empty();
    }

    private static ClientFault from(ExchangeFailures.ClientBodyFailure failure)
    {
        if (failure instanceof ExchangeFailures.RequestTooLarge tooLarge)
            return tooLarge(tooLarge.limit);
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        if (ExchangeFailures.causedBy(cause, TimeoutException.class)
            || ExchangeFailures.causedBy(cause, SocketTimeoutException.class))
            return new ClientFault(408, "Request body timed out.", "request body timed out (" + describe(cause) + ")");
        return new ClientFault(400, "Failed to parse request body.", "bad request body (" + describe(cause) + ")");
    }

    private static String describe(Throwable t)
    {
        String name = t.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }
}
