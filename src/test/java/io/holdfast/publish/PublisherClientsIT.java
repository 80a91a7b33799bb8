// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.holdfast.testing.HoldfastServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishers as users run them, none of which sends {@code Connection: keep-alive}: each keeps one
 * connection for a series of publishes, and each reads its answers by their framing.
 */
class PublisherClientsIT
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
