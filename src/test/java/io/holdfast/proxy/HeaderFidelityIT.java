// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.RawOrigin;

import static io.holdfast.testing.Publisher.items;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Origin response headers reach the client byte for byte as the origin wrote them, as Pushpin 1.36
 * relays them (recorded with the same origin bytes): Set-Cookie in its forms, Date, Content-Type
 * parameters, repeated and list-valued headers, quoted values, the spelling of names. The
 * differences left are Jetty's HTTP client's and are listed in docs/differences.md: a well-known
 * header name arrives in Jetty's spelling (set-cookie becomes Set-Cookie), and whitespace around a
 * value is trimmed.
 */
class HeaderFidelityIT
{
    /** What the origin sends, line for line. */
    private static final List<String> ORIGIN = List.of(
        "Set-Cookie: a=1; Path=/",
        "Set-Cookie: b=\"quoted value\"; Expires=Wed, 21 Oct 2015 07:28:00 GMT; HttpOnly",
        "Set-Cookie: c=3; SameSite=Lax; Secure; Max-Age=60; Domain=example.com",
        "set-cookie: d=4;Path=/x",
        "Date: Mon, 01 Jan 2024 00:00:00 GMT",
        "content-type: text/html; charset=UTF-8",
        "X-Repeat: one",
        "X-Repeat: two",
        "X-List: a,b ,  c",
        "Cache-Control: no-cache, max-age=0",
        "x-lower: v",
        "ETag: \"abc\"",
        "Link: <https://x.test/a>; rel=\"next\", <https://x.test/b>; rel=\"prev\"",
        "WWW-Authenticate: Basic realm=\"x y\"",
        "Vary: Accept-Encoding,Origin",
        "X-Empty: ");

    /** What Pushpin sends for it; Holdfast's differences are applied in {@link #holdfast}. */
    private static final List<String> PUSHPIN = ORIGIN;

    private static RawOrigin origin;
    private static HoldfastServer holdfast;

    @BeforeAll
    static void start() throws Exception
    {
        origin = new RawOrigin();
        origin.on("/plain", "HTTP/1.1 200 OK", ORIGIN, "body\n");
        origin.on("/stream", "HTTP/1.1 200 OK", with(ORIGIN, "Grip-Hold: stream", "Grip-Channel: fidelity"), "open\n");
        origin.on("/poll", "HTTP/1.1 200 OK", with(ORIGIN, "Grip-Hold: response", "Grip-Channel: fidelity-poll"), "");
        holdfast = HoldfastServer.start(Map.of("holdfast.routes", "* 127.0.0.1:" + origin.port()));
    }

    @AfterAll
    static void stop() throws Exception
    {
        holdfast.close();
        origin.close();
    }

    @Test
    void aRelayedResponseKeepsEveryHeaderAsTheOriginWroteIt() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/plain").readHead();
            assertEquals(with(holdfast(PUSHPIN), "Content-Length: 5"), lines(head));
        }
    }

    @Test
    void aHeldStreamStartsWithTheOriginsHeadersAndOnlyTheFramingItNeeds() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/stream").readHead();
            // Pushpin adds Connection: Transfer-Encoding, which tells a client nothing; Holdfast does not.
            assertEquals(with(holdfast(PUSHPIN), "Transfer-Encoding: chunked"), lines(head));
            assertEquals("open\n", client.readChunk());
        }
    }

    @Test
    void aPublishedResponseKeepsTheNamesThePublisherGave() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.get("/poll");
            io.holdfast.testing.Await.until("held", java.time.Duration.ofSeconds(5),
                () -> holdfast.hub().subscriberCount("fidelity-poll") == 1);
            new Publisher(holdfast.controlPort()).publish(items("{\"channel\":\"fidelity-poll\",\"formats\":{\"http-response\":"
                + "{\"headers\":{\"x-pub\":\"1\",\"set-cookie\":\"p=1; Path=/\",\"Content-type\":\"text/x; charset=UTF-8\"},"
                + "\"body\":\"pub\\n\"}}}"));
            RawHttp.Head head = client.readHead();
            List<String> stored = new ArrayList<>(holdfast(PUSHPIN));
            stored.removeIf(line -> line.toLowerCase().startsWith("set-cookie:") || line.toLowerCase().startsWith("content-type:"));
            // As Pushpin: the origin's headers, then the publish's, each spelled as its sender spelled it.
            assertEquals(with(stored, "Content-type: text/x; charset=UTF-8", "set-cookie: p=1; Path=/", "x-pub: 1",
                "Content-Length: 4"), lines(head));
            assertEquals("pub\n", client.readBody(head));
        }
    }

    /** Pushpin's lines as Holdfast sends them: Jetty's client hands over a well-known name in its own spelling. */
    private static List<String> holdfast(List<String> pushpin)
    {
        return pushpin.stream().map(line -> line.startsWith("set-cookie:") ? "Set-Cookie:" + line.substring(11) : line).toList();
    }

    private static List<String> lines(RawHttp.Head head)
    {
        return head.headers().stream().map(header -> header[0] + ": " + header[1]).toList();
    }

    private static List<String> with(List<String> lines, String... more)
    {
        List<String> all = new ArrayList<>(lines);
        all.addAll(List.of(more));
        return all;
    }
}
