// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.RawHttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain reverse proxying: what reaches the origin and what comes back, byte for byte. */
class ProxyingIT
{
    private FakeOrigin origin;
    private HoldfastServer holdfast;

    @BeforeEach
    void start() throws Exception
    {
        origin = new FakeOrigin();
        holdfast = HoldfastServer.proxying(origin);
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
        origin.close();
    }

    @Test
    void relaysStatusReasonHeadersAndBody() throws Exception
    {
        origin.on("/hello", exchange ->
        {
            exchange.getResponseHeaders().add("X-Multi", "a");
            exchange.getResponseHeaders().add("X-Multi", "b");
            FakeOrigin.respond(exchange, 201, "made\n".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");
        });
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/hello?a=1&b=%2F").readHead();
            assertEquals("HTTP/1.1 201 Created", head.statusLine());
            assertEquals("text/plain", head.header("Content-Type"));
            assertEquals(java.util.List.of("a", "b"), head.all("X-Multi"));
            assertEquals("5", head.header("Content-Length"));
            assertEquals("made\n", client.readBody(head));
        }
        FakeOrigin.RecordedRequest request = origin.takeRequest();
        assertEquals("GET", request.method());
        assertEquals("/hello?a=1&b=%2F", request.uri());
    }

    @Test
    void aSessionCookieReachesTheOriginAsSentAndNoSessionIsMade() throws Exception
    {
        origin.on("/hello", exchange -> FakeOrigin.respond(exchange, 200, "ok".getBytes(StandardCharsets.UTF_8)));
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/hello", "Cookie: JSESSIONID=node0x1; theme=dark").readHead();
            assertEquals(200, head.status());
            assertEquals(java.util.List.of(), head.all("Set-Cookie"));
            assertEquals("ok", client.readBody(head));
        }
        FakeOrigin.RecordedRequest request = origin.takeRequest();
        assertEquals("JSESSIONID=node0x1; theme=dark", request.header("Cookie"));
    }

    @Test
    void forwardsPathsAsPushpinDoes() throws Exception
    {
        // Sent as given, except that escaped unreserved characters are decoded (Qt's normalisation).
        Map<String, String> sentToExpected = Map.of("/a%2Fb", "/a%2Fb", "/a//x", "/a//x", "/a%20b/c", "/a%20b/c",
            "/%7Euser", "/~user");
        for (Map.Entry<String, String> path : sentToExpected.entrySet())
        {
            try (RawHttp client = new RawHttp(holdfast.port()))
            {
                RawHttp.Head head = client.get(path.getKey()).readHead();
                assertEquals(404, head.status(), path.getKey());
                client.readBody(head);
            }
            assertEquals(path.getValue(), origin.takeRequest().uri());
        }
    }

    @Test
    void relaysACustomReasonPhrase() throws Exception
    {
        try (ServerSocket raw = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             HoldfastServer proxy = HoldfastServer.start(Map.of("holdfast.routes", "* 127.0.0.1:" + raw.getLocalPort()));
             RawHttp client = new RawHttp(proxy.port()))
        {
            client.get("/");
            try (var originSide = raw.accept())
            {
                readHead(originSide.getInputStream());
                originSide.getOutputStream().write(
                    "HTTP/1.1 299 Quite Fine\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                RawHttp.Head head = client.readHead();
                assertEquals("HTTP/1.1 299 Quite Fine", head.statusLine());
                assertEquals("ok", client.readBody(head));
            }
        }
    }

    @Test
    void forwardsHeadersAsPushpinDoes() throws Exception
    {
        origin.on("/h", 200, "ok");
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.get("/h", "Host: app.example:8080", "Grip-Sig: forged", "Grip-Last: c; last-id=1",
                "X-Forwarded-For: 10.0.0.1", "X-Forwarded-Proto: https", "Accept-Encoding: gzip",
                "Connection: keep-alive, X-Hop", "X-Hop: secret", "Keep-Alive: 300", "X-Multi: a", "X-Multi: b");
            client.readBody(client.readHead());
        }
        FakeOrigin.RecordedRequest request = origin.takeRequest();
        assertEquals("app.example:8080", request.header("Host"));
        assertEquals("10.0.0.1", request.header("X-Forwarded-For"));
        assertNull(request.header("X-Forwarded-Proto"), "a plain-http client cannot claim https");
        assertNull(request.header("Accept-Encoding"));
        assertNull(request.header("X-Hop"));
        assertNull(request.header("Keep-Alive"));
        assertNull(request.header("Grip-Last"), "client Grip-* headers are never trusted");
        assertNull(request.header("Via"));
        assertNull(request.header("Forwarded"));
        assertEquals(java.util.List.of("a", "b"), request.headers().get("X-Multi"));
        assertEquals(OriginHeaders.FEATURES, request.header("Grip-Feature"));
        assertEquals("*/*", request.header("Accept"), "Pushpin's HTTP client asks for anything when the client names nothing");
        assertValidGripSig(request.header("Grip-Sig"), "pushpin", "changeme");
    }

    @Test
    void signsWithTheRouteKeyWhenTheRouteHasOne() throws Exception
    {
        try (HoldfastServer proxy = HoldfastServer.start(Map.of("holdfast.routes",
            "*,sig_iss=me,sig_key=base64:" + Base64.getEncoder().encodeToString("s3cret".getBytes()) + " 127.0.0.1:" + origin.port()));
             RawHttp client = new RawHttp(proxy.port()))
        {
            origin.on("/", 200, "ok");
            client.get("/");
            client.readBody(client.readHead());
        }
        assertValidGripSig(origin.takeRequest().header("Grip-Sig"), "me", "s3cret");
    }

    @Test
    void streamsALargeRequestBodyToTheOrigin() throws Exception
    {
        byte[] body = new byte[1_000_000];
        for (int i = 0; i < body.length; i++)
            body[i] = (byte)('a' + i % 26);
        origin.on("/upload", exchange -> FakeOrigin.respond(exchange, 200,
            sha256(exchange.getRequestBody().readAllBytes()).getBytes(StandardCharsets.US_ASCII)));
        try (RawHttp client = new RawHttp(holdfast.port(), 10_000))
        {
            client.send("POST", "/upload", body);
            RawHttp.Head head = client.readHead();
            assertEquals(200, head.status());
        }
        FakeOrigin.RecordedRequest request = origin.takeRequest();
        assertEquals("1000000", request.header("Content-Length"));
        assertArrayEquals(body, request.body());
        assertNull(request.header("Content-Type"), "a body sent without a type goes on without one, as Pushpin sends it");
    }

    @Test
    void aPlainStreamingResponseIsRelayedAsItArrivesAndNotCut() throws Exception
    {
        CountDownLatch next = new CountDownLatch(1);
        origin.on("/events", exchange ->
        {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try
            {
                next.await(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
            out.write("data: two\n\n".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/events").readHead();
            assertEquals(200, head.status());
            assertEquals("data: one\n\n", client.readChunkedBytes(11));
            next.countDown();
            assertEquals("data: two\n\n", client.readChunkedBytes(11));
            assertNull(client.readChunk());
        }
    }

    @Test
    void originDownIs502WithPushpinsBody() throws Exception
    {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0))
        {
            closedPort = socket.getLocalPort();
        }
        try (HoldfastServer proxy = HoldfastServer.start(Map.of("holdfast.routes", "* 127.0.0.1:" + closedPort));
             RawHttp client = new RawHttp(proxy.port()))
        {
            RawHttp.Head head = client.get("/").readHead();
            assertEquals("HTTP/1.1 502 Bad Gateway", head.statusLine());
            assertEquals("text/plain", head.header("Content-Type"));
            assertEquals("Error while proxying to origin.\n", client.readBody(head));
        }
    }

    @Test
    void failsOverToTheNextTargetOnConnectErrorAndSaysWhichWereTriedInDebug() throws Exception
    {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0))
        {
            closedPort = socket.getLocalPort();
        }
        origin.on("/", 200, "second\n");
        try (HoldfastServer proxy = HoldfastServer.start(Map.of("holdfast.routes",
            "* 127.0.0.1:" + closedPort + " 127.0.0.1:" + origin.port() + "\n"
                + "dead,debug 127.0.0.1:" + closedPort + " 127.0.0.1:" + closedPort));
             RawHttp client = new RawHttp(proxy.port()))
        {
            client.send("POST", "/", "payload".getBytes(StandardCharsets.UTF_8));
            RawHttp.Head head = client.readHead();
            assertEquals(200, head.status());
            assertEquals("second\n", client.readBody(head));
            assertEquals("payload", origin.takeRequest().bodyText());

            client.get("/", "Host: dead");
            head = client.readHead();
            assertEquals(502, head.status());
            assertEquals("Unable to connect to any targets. Tried: 127.0.0.1:" + closedPort + ", 127.0.0.1:" + closedPort + "\n",
                client.readBody(head));
        }
    }

    @Test
    void noRouteForHostIs502() throws Exception
    {
        try (HoldfastServer proxy = HoldfastServer.start(Map.of("holdfast.routes", "known.example 127.0.0.1:" + origin.port()));
             RawHttp client = new RawHttp(proxy.port()))
        {
            RawHttp.Head head = client.get("/", "Host: other.example").readHead();
            assertEquals("HTTP/1.1 502 Bad Gateway", head.statusLine());
            assertEquals("No route for host: other.example\n", client.readBody(head));
        }
    }

    @Test
    void publishPathOnTheClientPortGoesToTheOrigin() throws Exception
    {
        origin.on("/publish/", 200, "origin's publish\n");
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.send("POST", "/publish/", "{\"items\":[]}".getBytes(StandardCharsets.UTF_8));
            RawHttp.Head head = client.readHead();
            assertEquals("origin's publish\n", client.readBody(head));
        }
        assertEquals("/publish/", origin.takeRequest().uri());
    }

    static void assertValidGripSig(String token, String iss, String key) throws Exception
    {
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("HS256", header.get("alg").asText());
        assertEquals(iss, claims.get("iss").asText());
        long exp = claims.get("exp").asLong();
        long now = System.currentTimeMillis() / 1000;
        assertTrue(exp > now + 3000 && exp <= now + 3600, "exp is about an hour ahead");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signature = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(signature), parts[2]);
    }

    private static void readHead(InputStream in) throws IOException
    {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4)
        {
            int b = in.read();
            if (b < 0)
                return;
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static String sha256(byte[] bytes)
    {
        try
        {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (Exception e)
        {
            throw new IllegalStateException(e);
        }
    }
}
