// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.holdfast.format.GripSig;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.LogLines;
import io.holdfast.testing.NodeGripPublisher;
import io.holdfast.testing.NpmPackages;
import io.holdfast.testing.RawHttp;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.streamItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The control API with {@code holdfast.publish.key} and {@code holdfast.publish.iss}: a request
 * without a valid bearer token is 401 and publishes nothing; a JWT as the GRIP libraries make it,
 * or the key itself, is let in. The real {@code @fanoutio/grip} Publisher, given the same
 * {@code GRIP_URL} an application would use, publishes with and is refused without the key.
 */
class ControlAuthIT
{
    private static final byte[] KEY = "a key of thirty-two bytes or so!".getBytes(StandardCharsets.UTF_8);
    private static final String KEY_SETTING = "base64:" + Base64.getEncoder().encodeToString(KEY);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HoldfastServer holdfast;

    @BeforeAll
    static void logs()
    {
        LogLines.install();
    }

    @BeforeEach
    void start() throws Exception
    {
        holdfast = HoldfastServer.start(Map.of("holdfast.publish.key", KEY_SETTING, "holdfast.publish.iss", "my-app"));
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
    }

    @Test
    void withoutAValidTokenEveryRequestIs401AndNothingIsPublished() throws Exception
    {
        try (RawHttp stream = stream("locked"))
        {
            HttpResponse<String> missing = publish(null, "locked", "no\n");
            assertEquals(401, missing.statusCode());
            assertEquals("Bearer", missing.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertEquals("Unauthorized: missing Authorization header.\n", missing.body());
            String expired = GripSig.sign("my-app", KEY, System.currentTimeMillis() / 1000 - 1);
            assertEquals("Unauthorized: JWT has expired.\n", publish("Bearer " + expired, "locked", "no\n").body());
            String otherIssuer = GripSig.sign("someone", KEY, System.currentTimeMillis() / 1000 + 60);
            assertEquals("Unauthorized: JWT iss is not the one required.\n", publish("Bearer " + otherIssuer, "locked", "no\n").body());
            assertEquals(401, get("/metrics", null).statusCode(), "every path, not only /publish/");
            assertEquals(4, holdfast.metrics().unauthorized(), "each refusal counted");

            String token = GripSig.sign("my-app", KEY, System.currentTimeMillis() / 1000 + 60);
            assertEquals(200, publish("Bearer " + token, "locked", "yes\n").statusCode());
            assertEquals("yes\n", stream.readChunk(), "only the authorized item arrived");
            assertTrue(get("/metrics", "Bearer " + token).body().contains("\nholdfast_control_unauthorized_total 4\n"));
            String logged = LogLines.await("control: POST /publish/", "refused: JWT has expired");
            assertFalse(logged.contains(expired), "the token is not logged");
        }
    }

    @Test
    void theKeyItselfIsLetInForCurl() throws Exception
    {
        assertEquals(200, publish("Bearer " + KEY_SETTING, "raw", "x\n").statusCode());
        assertEquals(200, get("/health", "Bearer " + KEY_SETTING.substring("base64:".length())).statusCode());
        assertEquals(401, get("/health", "Bearer wrong").statusCode());
    }

    @Test
    void theRealGripPublisherPublishesWithTheKeyAndIsRefusedWithout() throws Exception
    {
        assumeTrue(NpmPackages.nodeAvailable(), "no node on the PATH");
        assertTrue(NodeGripPublisher.installPackage(), "npm ci in src/test/grip failed: its output is above");
        String control = "http://127.0.0.1:" + holdfast.controlPort();
        try (RawHttp stream = stream("npm"))
        {
            assertEquals("published", NodeGripPublisher.publish(control + "?iss=my-app&key=" + KEY_SETTING, "npm", "from grip\n"));
            assertEquals("from grip\n", stream.readChunk());
            assertEquals("failed 401 Unauthorized: missing Authorization header.", NodeGripPublisher.publish(control, "npm", "no\n"));
            assertEquals("failed 401 Unauthorized: JWT signature does not match the key.",
                NodeGripPublisher.publish(control + "?iss=my-app&key=base64:" + Base64.getEncoder().encodeToString(new byte[32]),
                    "npm", "no\n"));
        }
    }

    private RawHttp stream(String channel) throws IOException
    {
        RawHttp stream = new RawHttp(holdfast.port());
        stream.get("/stream?channel=" + channel).readHead();
        assertEquals("[stream opened]\n", stream.readChunk());
        return stream;
    }

    private HttpResponse<String> publish(String authorization, String channel, String content) throws Exception
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + holdfast.controlPort() + "/publish/"))
            .POST(HttpRequest.BodyPublishers.ofString(items(streamItem(channel, content))));
        if (authorization != null)
            request.header("Authorization", authorization);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + holdfast.controlPort() + path));
        if (authorization != null)
            request.header("Authorization", authorization);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
