// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.holdfast.testing.Await;
import io.holdfast.testing.FakeWsOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.WsFrames;
import io.holdfast.testing.WsRecorder;

import static io.holdfast.testing.Publisher.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WebSockets through Holdfast to a WebSocket origin, with and without GRIP. */
class WebSocketIT
{
    private FakeWsOrigin origin;
    private HoldfastServer holdfast;
    private Publisher publisher;

    @BeforeEach
    void start() throws Exception
    {
        origin = new FakeWsOrigin();
        holdfast = HoldfastServer.start(Map.of("holdfast.routes", "* 127.0.0.1:" + origin.port() + ",sub=always\n"
            + "*,path_beg=/plain/ 127.0.0.1:" + origin.port()));
        publisher = new Publisher(holdfast.controlPort());
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
        origin.close();
    }

    @Test
    void handshakeCarriesWhatPushpinSendsAndMessagesFlowBothWays() throws Exception
    {
        origin.protocol("chat");
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/room/1?x=y", "X-Client", "1",
            "Sec-WebSocket-Protocol", "chat"))
        {
            FakeWsOrigin.Connection upstream = origin.take();
            assertEquals("GET /room/1?x=y HTTP/1.1", upstream.header(":request"));
            assertEquals("grip", upstream.header("Sec-WebSocket-Extensions"));
            assertEquals("1", upstream.header("X-Client"));
            assertEquals("chat", upstream.header("Sec-WebSocket-Protocol"));
            assertTrue(upstream.header("Grip-Sig").startsWith("eyJ"));
            assertEquals("chat", client.socket().getSubprotocol());

            client.sendText("from client");
            assertEquals("from client", upstream.nextText());
            client.sendBinary(new byte[]{1, 2, 3});
            WsFrames.Frame binary = upstream.next();
            assertEquals(WsFrames.BINARY, binary.opcode());
            assertEquals(3, binary.payload().length);

            upstream.sendText("m:hello");
            client.assertText("hello");
            upstream.sendText("dropped: no prefix");
            upstream.send(WsFrames.BINARY, "m:bin".getBytes(StandardCharsets.UTF_8));
            client.assertBinary("bin".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void subscribePublishUnsubscribe() throws Exception
    {
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/"))
        {
            FakeWsOrigin.Connection upstream = origin.take();
            upstream.sendText("c:{\"type\":\"subscribe\",\"channel\":\"room\"}");
            Await.until("subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("room") == 1);
            publisher.publish(items(wsItem("room", "{\"content\":\"hi all\"}")));
            client.assertText("hi all");
            publisher.publish(items(wsItem("room", "{\"content-bin\":\"" + Base64.getEncoder().encodeToString(new byte[]{0, 9}) + "\"}")));
            client.assertBinary(new byte[]{0, 9});

            upstream.sendText("c:{\"type\":\"unsubscribe\",\"channel\":\"room\"}");
            Await.until("unsubscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("room") == 0);
            upstream.sendText("m:still here");
            client.assertText("still here");
        }
    }

    @Test
    void customAndEmptyPrefixes() throws Exception
    {
        origin.extensions("grip; message-prefix=\"p:\"");
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/"))
        {
            FakeWsOrigin.Connection upstream = origin.take();
            upstream.sendText("m:not mine");
            upstream.sendText("p:mine");
            client.assertText("mine");
        }
        origin.extensions("grip; message-prefix=\"\"");
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/"))
        {
            FakeWsOrigin.Connection upstream = origin.take();
            upstream.sendText("everything is a message");
            client.assertText("everything is a message");
            upstream.sendText("c:{\"type\":\"subscribe\",\"channel\":\"e\"}");
            Await.until("control still works", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("e") == 1);
        }
    }

    @Test
    void withoutTheExtensionMessagesPassUnchanged() throws Exception
    {
        origin.extensions(null);
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/plain/"))
        {
            FakeWsOrigin.Connection upstream = origin.take();
            upstream.sendText("c:{\"type\":\"subscribe\",\"channel\":\"x\"}");
            client.assertText("c:{\"type\":\"subscribe\",\"channel\":\"x\"}");
            assertEquals(0, holdfast.hub().subscriberCount("x"));
        }
    }

    @Test
    void setMetaWithSkipSelf() throws Exception
    {
        try (WsRecorder alice = WsRecorder.connect(holdfast.port(), "/"); WsRecorder bob = WsRecorder.connect(holdfast.port(), "/"))
        {
            for (String user : new String[]{"alice", "bob"})
            {
                FakeWsOrigin.Connection upstream = origin.take();
                upstream.sendText("c:{\"type\":\"set-meta\",\"name\":\"user\",\"value\":\"" + user + "\"}");
                upstream.sendText("c:{\"type\":\"subscribe\",\"channel\":\"chat\",\"filters\":[\"skip-self\"]}");
            }
            Await.until("both subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("chat") == 2);
            publisher.publish(items("{\"channel\":\"chat\",\"meta\":{\"sender\":\"alice\"},\"formats\":{\"ws-message\":{\"content\":\"from alice\"}}}"));
            bob.assertText("from alice");
            assertNull(alice.poll(300), "alice does not hear herself");
        }
    }

    @Test
    void publishedCloseClosesTheClientWithCodeAndReason() throws Exception
    {
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/"))
        {
            FakeWsOrigin.Connection upstream = origin.take();
            Await.until("implicitly subscribed (sub=always)", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("always") == 1);
            publisher.publish(items(wsItem("always", "{\"action\":\"close\",\"code\":4001,\"reason\":\"bye\"}")));
            client.assertClose(4001, "bye");
            assertEquals(WsFrames.CLOSE, upstream.next().opcode(), "the origin hears the close");
            Await.until("unsubscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("always") == 0);
        }
    }

    @Test
    void closesPropagateWithCodesBothWays() throws Exception
    {
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/"))
        {
            FakeWsOrigin.Connection upstream = origin.take();
            client.socket().sendClose(4100, "client leaving").get();
            WsFrames.Frame close = upstream.next();
            assertEquals(WsFrames.CLOSE, close.opcode());
            assertEquals(4100, close.closeCode());
            assertEquals("client leaving", close.closeReason());
        }
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/"))
        {
            FakeWsOrigin.Connection upstream = origin.take();
            upstream.sendClose(4200, "origin leaving");
            client.assertClose(4200, "origin leaving");
        }
    }

    @Test
    void detachKeepsTheClientOnPublishesOnly() throws Exception
    {
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/"))
        {
            FakeWsOrigin.Connection upstream = origin.take();
            upstream.sendText("c:{\"type\":\"subscribe\",\"channel\":\"d\"}");
            upstream.sendText("c:{\"type\":\"detach\"}");
            assertEquals(WsFrames.CLOSE, upstream.next().opcode(), "the origin side is closed");
            Await.until("subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("d") == 1);
            client.sendText("nobody hears this");
            publisher.publish(items(wsItem("d", "{\"content\":\"still delivered\"}")));
            client.assertText("still delivered");
        }
    }

    @Test
    void keepAliveControlMessage() throws Exception
    {
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/"))
        {
            FakeWsOrigin.Connection upstream = origin.take();
            upstream.sendText("c:{\"type\":\"keep-alive\",\"content\":\"ka\",\"timeout\":1}");
            client.assertText("ka");
            client.assertText("ka");
        }
    }

    @Test
    void anOriginRefusalReachesTheClient() throws Exception
    {
        origin.refuseWith("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nX-Why: nope\r\nContent-Length: 9\r\n\r\nno entry\n");
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13").readHead();
            assertEquals(403, head.status());
        }
    }

    @Test
    void theTestTargetEchoesAndIsSubscribedToTest() throws Exception
    {
        try (HoldfastServer demo = HoldfastServer.start(Map.of());
             WsRecorder client = WsRecorder.connect(demo.port(), "/ws"))
        {
            client.sendText("echo me");
            client.assertText("echo me");
            Await.until("subscribed", Duration.ofSeconds(5), () -> demo.hub().subscriberCount("test") == 1);
            new Publisher(demo.controlPort()).publish(items(wsItem("test", "{\"content\":\"pushed\"}")));
            client.assertText("pushed");
        }
    }

    static String wsItem(String channel, String format)
    {
        return "{\"channel\":\"" + channel + "\",\"formats\":{\"ws-message\":" + format + "}}";
    }
}
