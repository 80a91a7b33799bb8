// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientFaultTest
{
    private static ClientFault of(Throwable failure)
    {
        return ClientFault.of(failure).orElseThrow();
    }

    @Test
    void aBodyThatCouldNotBeReadIs400WithTheContainersWords()
    {
        assertEquals(new ClientFault(400, "Failed to parse request body.", "bad request body (EOFException: Early EOF)"),
            of(new ExchangeFailures.ClientBodyFailure(new EOFException("Early EOF"))));
        // Tomcat's ChunkedInputFilter.
        assertEquals(new ClientFault(400, "Failed to parse request body.", "bad request body (IOException: Invalid chunk header)"),
            of(new ExchangeFailures.ClientBodyFailure(new IOException("Invalid chunk header"))));
        assertEquals("bad request body (IllegalStateException)",
            of(new ExchangeFailures.ClientBodyFailure(new IllegalStateException())).reason());
    }

    @Test
    void aBodyThatStalledPastTheIdleTimeoutIs408()
    {
        assertEquals(new ClientFault(408, "Request body timed out.",
                "request body timed out (TimeoutException: Idle timeout expired: 500/500 ms)"),
            of(new ExchangeFailures.ClientBodyFailure(new TimeoutException("Idle timeout expired: 500/500 ms"))));
        assertEquals(408, of(new ExchangeFailures.ClientBodyFailure(new IOException(new SocketTimeoutException()))).status());
    }

    @Test
    void anOriginConnectionIdlingWhileTheClientsBodyStallsIs408()
    {
        TimeoutException idle = new TimeoutException("Idle timeout 300 ms elapsed");
        assertTrue(ExchangeFailures.isIdleTimeout(new ExecutionException(idle)));
        assertFalse(ExchangeFailures.isIdleTimeout(new ExchangeFailures.NoResponseInTime(60_000)),
            "the wait for the origin's response head is the origin's");
        assertFalse(ExchangeFailures.isIdleTimeout(new EOFException()));
        assertEquals(new ClientFault(408, "Request body timed out.",
                "request body timed out (the origin connection idled waiting for it: TimeoutException: Idle timeout 300 ms elapsed)"),
            ClientFault.stalled(idle));
    }

    @Test
    void aBodyOverTheLimitIs413()
    {
        ClientFault fault = new ClientFault(413, "Request body too large.", "request body too large (over 1000 bytes)");
        assertEquals(fault, of(new ExchangeFailures.RequestTooLarge(1000)));
        assertEquals(fault, ClientFault.tooLarge(1000));
    }

    @Test
    void isFoundWhereverJettysClientWrapsIt()
    {
        ExchangeFailures.ClientBodyFailure failure = new ExchangeFailures.ClientBodyFailure(new EOFException("Early EOF"));
        assertEquals(400, of(new ExecutionException(new IOException("aborted", failure))).status());
    }

    @Test
    void aFailureOfTheOriginsIsNoClientFault()
    {
        // Only a failure raised reading the client's body counts, whatever its type or message.
        assertEquals(Optional.empty(), ClientFault.of(new TimeoutException("Idle timeout expired: 30000/30000 ms")));
        assertEquals(Optional.empty(), ClientFault.of(new EOFException("Early EOF")));
        assertEquals(Optional.empty(), ClientFault.of(new ConnectException("Connection refused")));
        assertEquals(Optional.empty(), ClientFault.of(new ExchangeFailures.InstructTooLarge()));
    }
}
