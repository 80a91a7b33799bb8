// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import io.holdfast.format.tnetstring.TnetStringCodec;
import io.holdfast.format.tnetstring.TnetValue;
import io.holdfast.testing.Await;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.ZmqClient;

import static io.holdfast.testing.Publisher.streamItem;
import static io.holdfast.testing.ZmqClient.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The PULL and SUB inputs on real jeromq sockets over loopback (GRIP §6.2, §6.3): JSON and
 * tnetstring items reach a held stream, the SUB socket follows the channels that have subscribers,
 * and garbage of every kind is counted and dropped while the next valid item still arrives (Pushpin
 * 1.36's handler dies on the truncated tnetstring).
 */
class ZmqInputsIT
{
    private static final String ANY_PORT = "tcp://127.0.0.1:*";

    private final ZmqClient zmq = new ZmqClient();
    private HoldfastServer server;

    @AfterEach
    void stop() throws Exception
    {
        zmq.close();
        if (server != null)
            server.close();
    }

    @Test
    void pullTakesJsonAndTnetstringItemsAndSurvivesGarbage() throws Exception
    {
        server = HoldfastServer.start(Map.of("holdfast.zmq.pull", ANY_PORT));
        ZMQ.Socket push = zmq.push(server.zmqEndpoint("holdfast.zmq.pull"), server.zmq()::received);
        try (RawHttp stream = openStream("zp"))
        {
            push.send("J" + streamItem("zp", "j1\n"));
            assertEquals("j1\n", stream.readChunk());
            push.send(bytes("T"), ZMQ.SNDMORE);
            push.send(concat(bytes("T"), tnetItem("zp", "t1\n")));
            push.send(concat(bytes("T"), tnetItem("zp", "t2\n")));
            assertEquals("t2\n", stream.readChunk(), "a two-part message is dropped");
            push.send(tnetItem("zp", "t3\n"));
            assertEquals("t3\n", stream.readChunk(), "no prefix is a tnetstring");

            byte[][] garbage = {
                bytes("T99:abc,"), bytes("T5:ab,"), bytes("xyz"), bytes(""), bytes("J{nope"), bytes("J[1]"),
                bytes("T3:abc?"), bytes("T1:a,x"),
                concat(bytes("T"), TnetStringCodec.encode(TnetValue.dict("formats", TnetValue.dict("http-stream",
                    TnetValue.dict("content", TnetValue.text("no channel\n")))))),
                concat(bytes("T"), TnetStringCodec.encode(TnetValue.dict("channel", TnetValue.text("zp"), "formats",
                    TnetValue.dict("http-stream", TnetValue.dict("content-bin", TnetValue.text("YmluCg==")))))),
            };
            for (byte[] message : garbage)
                push.send(message);
            push.send("J" + streamItem("zp", "after garbage\n"));
            assertEquals("after garbage\n", stream.readChunk());
            assertEquals(garbage.length + 1, server.zmq().rejected());
        }
    }

    @Test
    void subBindsAndSubscribesOnlyToChannelsWithSubscribers() throws Exception
    {
        server = HoldfastServer.start(Map.of("holdfast.zmq.sub", ANY_PORT));
        ZMQ.Socket xpub = zmq.connected(SocketType.XPUB, server.zmqEndpoint("holdfast.zmq.sub"));
        try (RawHttp stream = openStream("zs"))
        {
            assertArrayEquals(bytes("\u0001zs"), xpub.recv(), "Holdfast subscribes once the channel has a subscriber");
            xpub.sendMore("zs");
            xpub.send("J{\"channel\":\"ignored\",\"formats\":{\"http-stream\":{\"content\":\"s1\\n\"}}}");
            assertEquals("s1\n", stream.readChunk(), "the first frame names the channel");
            xpub.sendMore("zs");
            xpub.send(concat(bytes("T"), TnetStringCodec.encode(TnetValue.dict("formats",
                TnetValue.dict("http-stream", TnetValue.dict("content", TnetValue.text("s2\n")))))));
            assertEquals("s2\n", stream.readChunk());

            xpub.send("zs");
            xpub.sendMore("zs");
            xpub.sendMore("J{}");
            xpub.send("J{}");
            xpub.sendMore("zs");
            xpub.send("T5:ab,");
            xpub.sendMore("zs");
            xpub.send("J{\"formats\":{}}");
            xpub.sendMore("zs");
            xpub.send("J{\"formats\":{\"http-stream\":{\"content\":\"after garbage\\n\"}}}");
            assertEquals("after garbage\n", stream.readChunk());
            assertEquals(4, server.zmq().rejected());

            xpub.sendMore("zs");
            xpub.send("J{\"formats\":{\"http-stream\":{\"action\":\"close\"}}}");
            assertEquals(null, stream.readChunk(), "the stream ends");
            assertArrayEquals(bytes("\u0000zs"), xpub.recv(), "Holdfast unsubscribes when the last subscriber leaves");
        }
    }

    @Test
    void subConnectsToPublishersInConnectMode() throws Exception
    {
        ZMQ.Socket first = zmq.bound(SocketType.XPUB, ANY_PORT);
        ZMQ.Socket second = zmq.bound(SocketType.XPUB, ANY_PORT);
        server = HoldfastServer.start(Map.of("holdfast.zmq.sub", first.getLastEndpoint() + "," + second.getLastEndpoint(),
            "holdfast.zmq.sub.connect", "true"));
        try (RawHttp stream = openStream("zc"))
        {
            assertArrayEquals(bytes("\u0001zc"), first.recv());
            assertArrayEquals(bytes("\u0001zc"), second.recv());
            first.sendMore("zc");
            first.send("J" + streamItem("ignored", "from the first\n"));
            assertEquals("from the first\n", stream.readChunk());
            second.sendMore("zc");
            second.send("J" + streamItem("ignored", "from the second\n"));
            assertEquals("from the second\n", stream.readChunk());
        }
    }

    private RawHttp openStream(String channel) throws Exception
    {
        RawHttp stream = new RawHttp(server.port());
        assertEquals(200, stream.get("/stream?channel=" + channel).readHead().status());
        assertEquals("[stream opened]\n", stream.readChunk());
        Await.until("subscribed", Duration.ofSeconds(5), () -> server.hub().subscriberCount(channel) > 0);
        return stream;
    }

    static byte[] tnetItem(String channel, String content)
    {
        return TnetStringCodec.encode(TnetValue.dict("channel", TnetValue.text(channel), "formats",
            TnetValue.dict("http-stream", TnetValue.dict("content", TnetValue.text(content)))));
    }

    static byte[] concat(byte[] a, byte[] b)
    {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
