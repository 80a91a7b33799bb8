// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.testing.Await;
import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.ManualClock;
import io.holdfast.testing.RawHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Peers that stall: a silent origin, a slowloris client, an oversized body. None may hold the proxy. */
class TimeoutsIT
{
    @Test
    void aSilentOriginGetsTheClientA504AtTheResponseTimeout() throws Exception
    {
        ManualClock clock = new ManualClock();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HoldfastServer holdfast = HoldfastServer.start(Map.of(
                 "holdfast.routes", "* 127.0.0.1:" + silent.getLocalPort(), "holdfast.origin.response.timeout", "500"), clock);
             RawHttp client = new RawHttp(holdfast.port()))
        {
            client.get("/");
            try (Socket originSide = silent.accept())
            {
                Await.until("the response timeout is set", Duration.ofSeconds(5), () -> clock.pendingCount() == 1);
                assertEquals(Optional.of(Duration.ofMillis(500)), clock.nextDue());
                clock.advance(Duration.ofMillis(499));
                assertEquals(1, clock.pendingCount(), "not yet timed out");
                clock.advance(Duration.ofMillis(1));
                RawHttp.Head head = client.readHead();
                assertEquals("HTTP/1.1 504 Gateway Timeout", head.statusLine());
                assertEquals("Error while proxying to origin.\n", client.readBody(head));
            }
        }
    }

    @Test
    void aStalledRequestIsClosedButAHeldStreamIsNot() throws Exception
    {
        try (HoldfastServer holdfast = HoldfastServer.start(Map.of("holdfast.http.idle.timeout", "1000"));
             RawHttp held = new RawHttp(holdfast.port(), 10_000);
             Socket slowloris = new Socket(InetAddress.getLoopbackAddress(), holdfast.port()))
        {
            held.get("/stream?channel=idle").readHead();
            held.readChunkedBytes("[stream opened]\n".length());
            slowloris.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            // Closed by the idle timeout: a read that timed out instead fails the test.
            slowloris.setSoTimeout(5000);
            InputStream in = slowloris.getInputStream();
            while (in.read() >= 0)
            {
                // drain whatever the proxy answers before it closes
            }
            // The held stream has been idle longer than the request that was just closed for it.
            assertEquals(1, holdfast.hub().subscriberCount("idle"), "the idle held stream is still there");
        }
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception
    {
        try (FakeOrigin origin = new FakeOrigin();
             HoldfastServer holdfast = HoldfastServer.start(Map.of(
                 "holdfast.routes", "* 127.0.0.1:" + origin.port(), "holdfast.request.max.body", "1000")))
        {
            origin.on("/", 200, "ok");
            try (RawHttp client = new RawHttp(holdfast.port()))
            {
                client.send("POST", "/", new byte[1001]);
                RawHttp.Head head = client.readHead();
                assertEquals(413, head.status());
                assertEquals("Request body too large.\n", client.readBody(head));
            }
            try (RawHttp client = new RawHttp(holdfast.port()))
            {
                client.send("POST", "/", null, "Transfer-Encoding: chunked");
                client.output().write(("7d0\r\n" + "x".repeat(2000) + "\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                RawHttp.Head head = client.readHead();
                assertEquals(413, head.status());
            }
            try (RawHttp client = new RawHttp(holdfast.port()))
            {
                client.send("POST", "/", new byte[1000]);
                assertEquals(200, client.readHead().status());
            }
        }
    }

    @Test
    void headersOverTheContainersLimitAre431() throws Exception
    {
        try (HoldfastServer holdfast = HoldfastServer.start(Map.of());
             RawHttp client = new RawHttp(holdfast.port()))
        {
            // Jetty's default request header limit, 8 KiB, is the one jetty-base keeps.
            client.get("/", "X-Big: " + "x".repeat(9000));
            RawHttp.Head head = client.readHead();
            assertEquals(431, head.status());
        }
    }
}
