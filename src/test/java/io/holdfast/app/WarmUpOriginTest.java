// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the warm-up's origin answers: a stream hold, a long-poll hold, or a plain response. */
class WarmUpOriginTest
{
    @Test
    void streamPathHoldsAStreamOnItsChannel()
    {
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nGrip-Hold: stream\r\nGrip-Channel: ch-1\r\n"
            + "Content-Length: 0\r\n\r\n", WarmUpOrigin.answer("GET /stream/ch-1 HTTP/1.1\r\nHost: x\r\n\r\n"));
    }

    @Test
    void responsePathHoldsALongPollOnItsChannel()
    {
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nGrip-Hold: response\r\nGrip-Channel: ch-2\r\n"
            + "Content-Length: 0\r\n\r\n", WarmUpOrigin.answer("GET /response/ch-2 HTTP/1.1\r\nHost: x\r\n\r\n"));
    }

    @Test
    void anyOtherPathIsAPlainAnswer()
    {
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nwarm\n",
            WarmUpOrigin.answer("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n"));
    }
}
