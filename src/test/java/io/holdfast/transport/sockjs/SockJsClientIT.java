// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.holdfast.testing.Await;
import io.holdfast.testing.FakeWsOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.NodeSockJsClient;
import io.holdfast.testing.NpmPackages;
import io.holdfast.testing.Publisher;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.wsItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end with the real sockjs-client (npm) in Node.js, one transport at a time: the client
 * opens a session through Holdfast, the origin subscribes it with a GRIP control message, a
 * {@code ws-message} publish reaches it, its own message reaches the origin, and a published close
 * ends it with the publisher's code. Skipped only where no {@code node} runs; with node, a
 * failure to install the package fails it, since then the test setup is broken.
 */
class SockJsClientIT
{
    private FakeWsOrigin origin;
    private HoldfastServer holdfast;
    private Publisher publisher;

    @BeforeAll
    static void nodeAndTheClientPackage() throws Exception
    {
        assumeTrue(NpmPackages.nodeAvailable(), "no node on the PATH");
        assertTrue(NodeSockJsClient.installPackage(), "npm ci in src/test/sockjs failed: its output is above");
    }

    @BeforeEach
    void start() throws Exception
    {
        origin = new FakeWsOrigin();
        holdfast = HoldfastServer.start(Map.of("holdfast.routes", "*,sockjs=/sockjs 127.0.0.1:" + origin.port()));
        publisher = new Publisher(holdfast.controlPort());
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
        origin.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "xhr-streaming", "xhr-polling", "eventsource"})
    void aPublishReachesTheRealClient(String transport) throws Exception
    {
        try (NodeSockJsClient client = NodeSockJsClient.connect("http://127.0.0.1:" + holdfast.port() + "/sockjs", transport))
        {
            JsonNode open = client.next();
            assertEquals("open", open.path("event").asText(), open.toString());
            assertEquals(transport, open.path("transport").asText());

            FakeWsOrigin.Connection upstream = origin.take();
            upstream.sendText("c:{\"type\":\"subscribe\",\"channel\":\"news\"}");
            upstream.sendText("m:welcome");
            assertMessage(client.next(), "welcome");
            Await.until("subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("news") == 1);

            publisher.publish(items(wsItem("news", "{\"content\":\"published \\\"news\\\" \\u00e9 100%\"}")));
            assertMessage(client.next(), "published \"news\" \u00e9 100%");

            client.send("from the browser");
            assertEquals("from the browser", upstream.nextText());

            publisher.publish(items(wsItem("news", "{\"action\":\"close\",\"code\":4001,\"reason\":\"bye\"}")));
            JsonNode close = client.next();
            assertEquals("close", close.path("event").asText(), close.toString());
            assertEquals(4001, close.path("code").asInt());
            assertEquals("bye", close.path("reason").asText());
        }
    }

    private static void assertMessage(JsonNode event, String data)
    {
        assertEquals("message", event.path("event").asText(), event.toString());
        assertEquals(data, event.path("data").asText());
    }
}
