// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.holdfast.testing.Await;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.NodeWsOverHttp2;
import io.holdfast.testing.Publisher;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.wsItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebSockets over HTTP/2 (RFC 8441, extended CONNECT) on the plain port's h2c, two on one
 * connection, to the built-in demo WebSocket (which echoes and receives publishes), with Node.js's
 * http2 module as the client: echoes and publishes reach the right stream, and each WebSocket's
 * subscription goes when it closes or its connection drops.
 */
class WsOverHttp2IT
{
    private HoldfastServer holdfast;
    private Publisher publisher;

    @BeforeEach
    void start() throws Exception
    {
        holdfast = HoldfastServer.start(Map.of());
        publisher = new Publisher(holdfast.controlPort());
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
    }

    @Test
    void twoWebSocketsOnOneConnection() throws Exception
    {
        NodeWsOverHttp2 client = NodeWsOverHttp2.connect("http://127.0.0.1:" + holdfast.port());
        try (client)
        {
            assertTrue(client.offersExtendedConnect(), "the server offers extended CONNECT");
            client.open("a", "/ws?channel=wsh2-a");
            client.expect("open", "a", "status", "200");
            client.open("b", "/ws?channel=wsh2-b");
            client.expect("open", "b", "status", "200");
            Await.until("both WebSockets are subscribed", Duration.ofSeconds(5),
                () -> holdfast.hub().subscriberCount("wsh2-a") == 1 && holdfast.hub().subscriberCount("wsh2-b") == 1);

            client.send("a", "echo on a");
            client.expect("text", "a", "data", "echo on a");
            client.send("b", "echo on b");
            client.expect("text", "b", "data", "echo on b");
            publisher.publish(items(wsItem("wsh2-b", "{\"content\":\"pushed to b\"}")));
            client.expect("text", "b", "data", "pushed to b");
            publisher.publish(items(wsItem("wsh2-a", "{\"content\":\"pushed to a\"}")));
            client.expect("text", "a", "data", "pushed to a");

            client.close("a");
            client.expect("close", "a", "code", "1000");
            Await.until("the closed WebSocket's subscription goes", Duration.ofSeconds(5),
                () -> holdfast.hub().subscriberCount("wsh2-a") == 0);
            client.send("b", "b after a closed");
            client.expect("text", "b", "data", "b after a closed");
        }
        // The client's process ended: its connection, and the stream on it, are gone with no close frame.
        Await.until("the dropped WebSocket's subscription goes", Duration.ofSeconds(10),
            () -> holdfast.hub().subscriberCount("wsh2-b") == 0);
    }
}
