// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.holdfast.testing.Await;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.RawHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control API's answers, status line, headers and body, as recorded from Pushpin 1.36 for the
 * same requests (see CONTRIBUTING.md, "Comparing with the real Pushpin"), and the connections of
 * publishers as users run them (curl, Java's and Python's clients).
 */
class ControlApiIT
{
    private static final String EMPTY_PUBLISH = "{\"items\":[]}";
    private static HoldfastServer holdfast;

    @BeforeAll
    static void start() throws Exception
    {
        holdfast = HoldfastServer.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception
    {
        holdfast.close();
    }

    static Stream<Arguments> table()
    {
        String items = "{\"items\":[{\"channel\":\"a\",\"formats\":{\"http-stream\":{\"content\":\"x\"}}}]}";
        return Stream.of(
            Arguments.of("GET", "/", null, "", "200 OK", "text/plain", "Pushpin API\n"),
            Arguments.of("PUT", "/", "x", "", "200 OK", "text/plain", "Pushpin API\n"),
            Arguments.of("POST", "/publish/", items, "", "200 OK", "text/plain", "Published\n"),
            Arguments.of("POST", "/publish", "{\"items\":[]}", "", "200 OK", "text/plain", "Published\n"),
            Arguments.of("POST", "/publish/", items, "Accept: application/json", "200 OK", "application/json",
                "{\"message\":\"Published\"}\n"),
            Arguments.of("POST", "/publish/", items, "Accept: text/*, application/json", "200 OK", "application/json",
                "{\"message\":\"Published\"}\n"),
            Arguments.of("POST", "/publish/", items, "Accept: application/json, text/*", "200 OK", "text/plain", "Published\n"),
            Arguments.of("POST", "/publish/", items, "Accept: image/png", "406 Not Acceptable", "text/plain",
                "Not Acceptable. Supported formats are text/plain and application/json.\n"),
            Arguments.of("GET", "/publish/", null, "Accept: application/json", "405 Method Not Allowed", "text/plain",
                "Method not allowed: GET.\n"),
            Arguments.of("DELETE", "/publish", null, "", "405 Method Not Allowed", "text/plain", "Method not allowed: DELETE.\n"),
            Arguments.of("POST", "/publish/", "xx", "Accept: application/json", "400 Bad Request", "text/plain",
                "Body is not valid JSON.\n"),
            Arguments.of("POST", "/publish/", "[1]", "", "400 Bad Request", "text/plain", "Invalid format.\n"),
            Arguments.of("POST", "/publish/", "{}", "", "400 Bad Request", "text/plain",
                "Invalid format: object does not contain 'items'\n"),
            Arguments.of("POST", "/publish/", "{\"items\":{}}", "", "400 Bad Request", "text/plain",
                "Invalid format: object contains 'items' with wrong type\n"),
            Arguments.of("POST", "/publish/", "{\"items\":[{\"formats\":{}}]}", "", "400 Bad Request", "text/plain",
                "Invalid format: publish item object does not contain 'channel'\n"),
            Arguments.of("POST", "/recover", "", "", "200 OK", "text/plain", "Updated\n"),
            Arguments.of("POST", "/recover/", "", "Accept: application/json", "200 OK", "application/json",
                "{\"message\":\"Updated\"}\n"),
            Arguments.of("GET", "/recover", null, "", "405 Method Not Allowed", "text/plain", "Method not allowed: GET.\n"),
            Arguments.of("GET", "/nothing", null, "", "404 Not Found", "text/plain", "Not Found\n"),
            Arguments.of("POST", "/publish?x=1", "{\"items\":[]}", "", "404 Not Found", "text/plain", "Not Found\n"),
            Arguments.of("POST", "/publish//", "{\"items\":[]}", "", "404 Not Found", "text/plain", "Not Found\n"),
            Arguments.of("POST", "/refresh", "", "", "404 Not Found", "text/plain", "Not Found\n"),
            Arguments.of("GET", "/health", null, "", "200 OK", "text/plain", "OK\n"),
            Arguments.of("POST", "/health", "", "", "405 Method Not Allowed", "text/plain", "Method not allowed: POST.\n"));
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("table")
    void answersAsPushpin(String method, String path, String body, String header, String status, String type,
                          String expectedBody) throws IOException
    {
        try (RawHttp client = new RawHttp(holdfast.controlPort()))
        {
            String[] headers = header.isEmpty() ? new String[0] : new String[]{header};
            client.send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
            RawHttp.Head head = client.readHead();
            assertEquals("HTTP/1.1 " + status, head.statusLine());
            assertEquals(type, head.header("Content-Type"));
            // Pushpin closes after every answer; Holdfast keeps the connection (docs/differences.md)
            // and frames each answer, so that a publisher reading an answer to its end stops there.
            assertNull(head.header("Connection"));
            assertEquals(String.valueOf(expectedBody.getBytes(StandardCharsets.UTF_8).length), head.header("Content-Length"));
            if (status.startsWith("405"))
                assertEquals(path.startsWith("/health") ? "GET" : "POST", head.header("Allow"));
            assertEquals(expectedBody, client.readBody(head));
        }
    }

    @Test
    void aPublisherKeepsItsConnectionThroughErrorsUntilItAsksToClose() throws IOException
    {
        try (RawHttp client = new RawHttp(holdfast.controlPort()))
        {
            for (int i = 0; i < 3; i++)
            {
                client.send("POST", "/publish/", "{\"items\":[]}".getBytes(StandardCharsets.UTF_8));
                RawHttp.Head head = client.readHead();
                assertEquals("HTTP/1.1 200 OK", head.statusLine());
                assertNull(head.header("Connection"));
                assertEquals("Published\n", client.readBody(head));
            }
            client.send("POST", "/publish/", "xx".getBytes(StandardCharsets.UTF_8));
            RawHttp.Head head = client.readHead();
            assertEquals("HTTP/1.1 400 Bad Request", head.statusLine());
            assertNull(head.header("Connection"));
            assertEquals("Body is not valid JSON.\n", client.readBody(head));
            client.send("POST", "/publish/", "{\"items\":[]}".getBytes(StandardCharsets.UTF_8), "Connection: close");
            head = client.readHead();
            assertEquals("HTTP/1.1 200 OK", head.statusLine());
            assertEquals("close", head.header("Connection"));
            assertEquals("Published\n", client.readBody(head));
            assertTrue(client.closedByPeer(), "closed as the publisher asked");
        }
    }

    @Test
    void anHttp10PublisherIsClosedUnlessItAsksForKeepAlive() throws IOException
    {
        byte[] publish = "POST /publish/ HTTP/1.0\r\nContent-Length: 12\r\n\r\n{\"items\":[]}".getBytes(StandardCharsets.US_ASCII);
        try (RawHttp client = new RawHttp(holdfast.controlPort()))
        {
            client.output().write(publish);
            RawHttp.Head head = client.readHead();
            assertEquals(200, head.status());
            assertEquals("Published\n", client.readBody(head));
            assertTrue(client.closedByPeer());
        }
        byte[] keepAlive = "POST /publish/ HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 12\r\n\r\n{\"items\":[]}"
            .getBytes(StandardCharsets.US_ASCII);
        try (RawHttp client = new RawHttp(holdfast.controlPort()))
        {
            for (int i = 0; i < 2; i++)
            {
                client.output().write(keepAlive);
                RawHttp.Head head = client.readHead();
                assertEquals(200, head.status());
                assertEquals("keep-alive", head.header("Connection"));
                assertEquals("Published\n", client.readBody(head));
            }
        }
    }

    @Test
    void postWithoutContentLengthIs411() throws IOException
    {
        try (RawHttp client = new RawHttp(holdfast.controlPort()))
        {
            client.send("POST", "/publish/", null, "Transfer-Encoding: chunked", "Accept: image/png");
            client.output().write("2\r\nxx\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Head head = client.readHead();
            assertEquals("HTTP/1.1 411 Length Required", head.statusLine());
            assertEquals("close", head.header("Connection"), "the body was not read");
            assertEquals("Request requires Content-Length.\n", client.readBody(head));
            assertTrue(client.closedByPeer());
        }
    }

    @Test
    void bodyOverAMillionBytesIs400() throws IOException
    {
        try (RawHttp client = new RawHttp(holdfast.controlPort()))
        {
            // The length alone decides; the server answers without reading (or waiting for) the body.
            client.send("POST", "/publish/", null, "Content-Length: 1000001");
            RawHttp.Head head = client.readHead();
            assertEquals("HTTP/1.1 400 Bad Request", head.statusLine());
            assertEquals("close", head.header("Connection"), "the body was not read");
            assertEquals("Request body too large.\n", client.readBody(head));
            assertTrue(client.closedByPeer());
        }
    }

    @Test
    void oneBadItemRejectsTheWholeBatch() throws Exception
    {
        try (RawHttp stream = new RawHttp(holdfast.port()))
        {
            stream.get("/stream?channel=batch").readHead();
            stream.readChunkedBytes("[stream opened]\n".length());
            Await.until("subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("batch") == 1);
            try (RawHttp client = new RawHttp(holdfast.controlPort()))
            {
                String body = "{\"items\":[{\"channel\":\"batch\",\"formats\":{\"http-stream\":{\"content\":\"first\\n\"}}},"
                    + "{\"channel\":\"batch\"}]}";
                client.send("POST", "/publish/", body.getBytes(StandardCharsets.UTF_8));
                RawHttp.Head head = client.readHead();
                assertEquals(400, head.status());
                assertEquals("Invalid format: no formats specified\n", client.readBody(head));
            }
            try (RawHttp client = new RawHttp(holdfast.controlPort()))
            {
                client.send("POST", "/publish/", ("{\"items\":[{\"channel\":\"batch\",\"formats\":{\"http-stream\":"
                    + "{\"content\":\"second\\n\"}}}]}").getBytes(StandardCharsets.UTF_8));
                client.readBody(client.readHead());
            }
            assertEquals("second\n", stream.readChunkedBytes(7), "nothing of the rejected batch was published");
        }
    }

    @Test
    void theControlApiIsNotReachableOnTheClientPort() throws IOException
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/").readHead();
            assertEquals("Hello from the Pushpin test handler!\n", client.readBody(head));
        }
    }

    // Publishers as users run them, none of which sends Connection: keep-alive: each keeps one
    // connection for a series of publishes, and each reads its answers by their framing.

    private static String publishUrl()
    {
        return "http://127.0.0.1:" + holdfast.controlPort() + "/publish/";
    }

    @Test
    void curlPublishesThreeTimesOnOneConnection() throws Exception
    {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--fail-with-body"));
        for (int i = 0; i < 3; i++)
        {
            if (i > 0)
                command.add("--next");
            command.addAll(List.of("-H", "Content-Type: application/json", "-d", EMPTY_PUBLISH, publishUrl()));
        }
        long before = holdfast.controlConnectionsAccepted();
        assertEquals("Published\n".repeat(3), run(command));
        assertEquals(1, holdfast.controlConnectionsAccepted() - before);
    }

    @Test
    void javasHttpClientPublishesTwentyTimesOnOneConnection() throws Exception
    {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest publish = HttpRequest.newBuilder(URI.create(publishUrl()))
            .POST(HttpRequest.BodyPublishers.ofString(EMPTY_PUBLISH)).build();
        long before = holdfast.controlConnectionsAccepted();
        for (int i = 0; i < 20; i++)
        {
            HttpResponse<String> response = client.send(publish, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("Published\n", response.body());
        }
        assertEquals(1, holdfast.controlConnectionsAccepted() - before);
    }

    @Test
    void pythonsHttpClientPublishesFiveTimesOnOneConnectionAndUrllibClosesEachTime() throws Exception
    {
        // http.client keeps its connection; urllib.request sends Connection: close with each request.
        String script = String.join("\n",
            "import http.client, sys, urllib.request",
            "port = int(sys.argv[1])",
            "conn = http.client.HTTPConnection('127.0.0.1', port)",
            "for _ in range(5):",
            "    conn.request('POST', '/publish/', body=b'" + EMPTY_PUBLISH + "')",
            "    r = conn.getresponse()",
            "    sys.stdout.write('%d %s' % (r.status, r.read().decode()))",
            "conn.close()",
            "for _ in range(2):",
            "    with urllib.request.urlopen('http://127.0.0.1:%d/publish/' % port, data=b'" + EMPTY_PUBLISH + "') as r:",
            "        sys.stdout.write('%d %s' % (r.status, r.read().decode()))");
        long before = holdfast.controlConnectionsAccepted();
        assertEquals("200 Published\n".repeat(7),
            run(List.of("python3", "-c", script, Integer.toString(holdfast.controlPort()))));
        assertEquals(1 + 2, holdfast.controlConnectionsAccepted() - before);
    }

    private static String run(List<String> command) throws IOException, InterruptedException
    {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), command.get(0) + " finished");
        assertEquals(0, process.exitValue(), command.get(0) + " said: " + output);
        return output;
    }
}
