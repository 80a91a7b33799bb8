// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.holdfast.testing.Await;
import io.holdfast.testing.FakeWsOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.WsFrames;
import io.holdfast.testing.WsRecorder;

import static io.holdfast.testing.Publisher.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that break RFC 6455 or stop reading: each is closed with the right code, and nobody
 * else is slowed down.
 */
class WebSocketHostileClientIT
{
    private FakeWsOrigin origin;
    private HoldfastServer holdfast;

    @BeforeEach
    void start() throws Exception
    {
        origin = new FakeWsOrigin();
        holdfast = HoldfastServer.start(Map.of("holdfast.routes", "* 127.0.0.1:" + origin.port() + ",sub=fan",
            "holdfast.ws.max.message", "65536", "holdfast.subscriber.queue.messages", "50", "holdfast.ws.ping.interval", "1"));
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
        origin.close();
    }

    @Test
    void anUnmaskedFrameIsAProtocolError() throws Exception
    {
        assertEquals(1002, closeCodeAfter(WsFrames.encode(WsFrames.TEXT, "hi".getBytes(StandardCharsets.UTF_8), false)));
    }

    @Test
    void reservedBitsAreAProtocolError() throws Exception
    {
        assertEquals(1002, closeCodeAfter(WsFrames.encode(WsFrames.TEXT, true, 4, "hi".getBytes(StandardCharsets.UTF_8), true)));
    }

    @Test
    void aReservedOpcodeIsAProtocolError() throws Exception
    {
        assertEquals(1002, closeCodeAfter(WsFrames.encode(3, new byte[]{1}, true)));
    }

    @Test
    void invalidUtf8InTextIsRejected() throws Exception
    {
        assertEquals(1007, closeCodeAfter(WsFrames.encode(WsFrames.TEXT, new byte[]{(byte)0xc3, (byte)0x28}, true)));
    }

    @Test
    void aMessageOverTheLimitIsTooBig() throws Exception
    {
        assertEquals(1009, closeCodeAfter(WsFrames.encode(WsFrames.BINARY, new byte[70_000], true)));
    }

    @Test
    void aClientThatStopsReadingIsClosedWhileOthersGetEverything() throws Exception
    {
        Socket stalled = handshake();
        stalled.setReceiveBufferSize(4096);
        List<WsRecorder> readers = new ArrayList<>();
        try
        {
            for (int i = 0; i < 3; i++)
                readers.add(WsRecorder.connect(holdfast.port(), "/"));
            Await.until("all four subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("fan") == 4);
            Publisher publisher = new Publisher(holdfast.controlPort());
            String payload = "x".repeat(60_000);
            for (int i = 0; i < 150; i++)
            {
                String message = i + ":" + payload;
                publisher.publish(items(WebSocketIT.wsItem("fan", "{\"content\":\"" + message + "\"}")));
                for (WsRecorder reader : readers)
                    reader.assertText(message);
            }
            Await.until("the stalled client is dropped", Duration.ofSeconds(10), () -> holdfast.hub().subscriberCount("fan") == 3);
        }
        finally
        {
            stalled.close();
            for (WsRecorder reader : readers)
                reader.close();
        }
    }

    @Test
    void aClientThatNeverAnswersPingsIsDroppedAndOneThatDoesStays() throws Exception
    {
        try (Socket silent = handshake(); WsRecorder alive = WsRecorder.connect(holdfast.port(), "/"))
        {
            Await.until("both subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("fan") == 2);
            InputStream in = silent.getInputStream();
            WsFrames.Frame frame = WsFrames.read(in);
            assertEquals(WsFrames.PING, frame.opcode(), "a quiet client is pinged");
            frame = WsFrames.read(in);
            assertEquals(WsFrames.CLOSE, frame.opcode(), "and dropped when it does not answer");
            assertEquals(1001, frame.closeCode());
            Await.until("only the live one is left", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("fan") == 1);
            // Pings keep coming to the live one: each next ping means it answered the one before.
            int pingsSeen = alive.pingsReceived();
            Await.until("two more pings to the live client", Duration.ofSeconds(10),
                () -> alive.pingsReceived() >= pingsSeen + 2);
            assertEquals(1, holdfast.hub().subscriberCount("fan"), "a client that answers pings stays");
        }
    }

    /** Sends {@code frame} on a fresh connection and returns the close code the proxy answers with. */
    private int closeCodeAfter(byte[] frame) throws Exception
    {
        try (Socket socket = handshake())
        {
            socket.getOutputStream().write(frame);
            InputStream in = socket.getInputStream();
            while (true)
            {
                WsFrames.Frame reply = WsFrames.read(in);
                if (reply.opcode() == WsFrames.CLOSE)
                    return reply.closeCode();
            }
        }
    }

    private Socket handshake() throws IOException
    {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), holdfast.port());
        socket.setSoTimeout(5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n"))
            head.append((char)in.read());
        assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
        return socket;
    }
}
