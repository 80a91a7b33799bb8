// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.holdfast.format.tnetstring.TnetStringCodec;
import io.holdfast.format.tnetstring.TnetValue;
import io.holdfast.format.wsevents.WsEvent;
import io.holdfast.testing.Await;
import io.holdfast.testing.FakeWohOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.WsRecorder;
import io.holdfast.testing.ZmqClient;

import static io.holdfast.testing.Publisher.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WebSockets to a stateless HTTP origin speaking WebSocket-over-HTTP (route target {@code over_http}). */
class WsOverHttpIT
{
    private static final String GRIP = "Sec-WebSocket-Extensions";

    private FakeWohOrigin origin;
    private HoldfastServer holdfast;
    private Publisher publisher;

    @BeforeEach
    void start() throws Exception
    {
        origin = new FakeWohOrigin("/chat");
        holdfast = HoldfastServer.start(Map.of("holdfast.routes", "* 127.0.0.1:" + origin.port() + ",over_http",
            "holdfast.zmq.command", "tcp://127.0.0.1:*"));
        publisher = new Publisher(holdfast.controlPort());
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
        origin.close();
    }

    @Test
    void openEventsMetaPublishAndClose() throws Exception
    {
        origin.answer("OPEN\r\nTEXT 29\r\nc:{\"type\": \"subscribe\", \"channel\": \"woh\"}\r\nTEXT 7\r\nm:hello\r\n",
            GRIP, "grip", "Set-Meta-User", "alice");
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/chat?room=1", "X-Client", "yes"))
        {
            FakeWohOrigin.Exchange open = origin.take();
            assertEquals(List.of(WsEvent.open()), open.events());
            assertEquals("POST", open.request().method());
            assertEquals("/chat?room=1", open.request().uri());
            assertEquals("application/websocket-events", open.header("Content-Type"));
            assertEquals("application/websocket-events", open.header("Accept"));
            assertEquals("grip", open.header("Sec-WebSocket-Extensions"));
            assertEquals("yes", open.header("X-Client"));
            assertNotNull(open.header("Sec-WebSocket-Key"));
            assertTrue(open.header("Grip-Sig").startsWith("eyJ"));
            String connectionId = open.header("Connection-Id");
            assertNotNull(connectionId);

            client.assertText("hello");
            Await.until("subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("woh") == 1);

            origin.answer("TEXT 8\r\nm:got it\r\n", "Content-Type", "application/websocket-events");
            client.sendText("from client");
            FakeWohOrigin.Exchange message = origin.take();
            assertEquals(List.of(WsEvent.text("from client")), message.events());
            assertEquals(connectionId, message.header("Connection-Id"));
            assertEquals("alice", message.header("Meta-User"));
            client.assertText("got it");

            publisher.publish(items(WebSocketIT.wsItem("woh", "{\"content\":\"published\"}")));
            client.assertText("published");
            publisher.publish(items(WebSocketIT.wsItem("woh", "{\"action\":\"close\",\"code\":4001,\"reason\":\"bye\"}")));
            client.assertClose(4001, "bye");
            assertEquals(List.of(WsEvent.closeWithoutCode()), origin.take().events(), "the origin hears a bare CLOSE");
        }
    }

    @Test
    void theCommandSocketRefreshesASessionByConnectionIdOrChannel() throws Exception
    {
        origin.answer("OPEN\r\nTEXT 25\r\nc:{\"type\":\"subscribe\",\"channel\":\"rf\"}\r\n", GRIP, "grip");
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/chat"); ZmqClient zmq = new ZmqClient())
        {
            String connectionId = origin.take().header("Connection-Id");
            String command = holdfast.zmqEndpoint("holdfast.zmq.command");
            Await.until("subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("rf") == 1);

            // The session becomes refreshable once its client side is open, which may come after
            // the subscription its origin asked for: until then the command answers success false.
            Await.until("a refresh by connection id succeeds", Duration.ofSeconds(5), () -> refreshed(zmq, command, connectionId));
            FakeWohOrigin.Exchange refreshed = origin.take();
            assertEquals(List.of(), refreshed.events(), "a refresh is a request without events");
            assertEquals(connectionId, refreshed.header("Connection-Id"));

            zmq.request(command, TnetStringCodec.encode(
                TnetValue.dict("method", TnetValue.text("refresh"), "args", TnetValue.dict("channel", TnetValue.text("rf")))));
            assertEquals(List.of(), origin.take().events());
        }
    }

    private static boolean refreshed(ZmqClient zmq, String command, String connectionId)
    {
        try
        {
            TnetValue reply = TnetStringCodec.decode(zmq.request(command, TnetStringCodec.encode(TnetValue.dict(
                "method", TnetValue.text("refresh"), "args", TnetValue.dict("cid", TnetValue.text(connectionId))))), 0);
            return Optional.of(new TnetValue.Bool(true)).equals(((TnetValue.Dict)reply).get("success"));
        }
        catch (Exception e)
        {
            throw new AssertionError(e);
        }
    }

    @Test
    void clientCloseAndOriginClose() throws Exception
    {
        origin.answer("OPEN\r\n", GRIP, "grip");
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/chat"))
        {
            origin.take();
            origin.answer("CLOSE 2\r\n\u000f\u00a0\r\n");
            client.socket().sendClose(4000, "done").get();
            assertEquals(List.of(WsEvent.close(4000, "done")), origin.take().events());
        }
        origin.answer("OPEN\r\n", GRIP, "grip");
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/chat"))
        {
            origin.take();
            origin.answer("CLOSE 5\r\n\u000f\u00a1bye\r\n");
            client.sendText("anyone?");
            origin.take();
            client.assertClose(4001, "bye");
        }
    }

    @Test
    void binaryPingAndUnprefixedMessages() throws Exception
    {
        origin.answer("OPEN\r\n", GRIP, "grip; message-prefix=\"\"");
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/chat"))
        {
            origin.take();
            origin.answer("BINARY 3\r\nabc\r\nTEXT 5\r\nplain\r\n");
            client.sendBinary(new byte[]{1, 2});
            assertEquals(List.of(WsEvent.binary(new byte[]{1, 2})), origin.take().events());
            client.assertBinary("abc".getBytes());
            client.assertText("plain");
        }
    }

    @Test
    void aRefusedOpenIsRelayedToTheClient() throws Exception
    {
        origin.answer(403, "go away\n", "Content-Type", "text/plain", "X-Why", "closed");
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/chat", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13").readHead();
            assertEquals(403, head.status());
            assertEquals("closed", head.header("X-Why"));
            assertEquals("go away\n", client.readBody(head));
        }
    }

    @Test
    void aMalformedAnswerClosesTheClient() throws Exception
    {
        origin.answer("OPEN\r\n", GRIP, "grip");
        try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/chat"))
        {
            origin.take();
            origin.answer("TEXT zz\r\nbroken\r\n");
            client.sendText("hi");
            WsRecorder.Event event = client.next();
            assertEquals("close", event.kind());
            assertEquals(1011, event.code());
        }
    }

    @Test
    void clientsCannotSendWebSocketEventsThemselves() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.send("POST", "/chat", "OPEN\r\n".getBytes(), "Content-Type: application/websocket-events");
            RawHttp.Head head = client.readHead();
            assertEquals(403, head.status());
            assertEquals("Client not allowed to send WebSocket events directly.\n", client.readBody(head));
        }
    }
}
