// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import io.holdfast.format.tnetstring.TnetStringCodec;
import io.holdfast.format.tnetstring.TnetValue;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.ZmqClient;

import static io.holdfast.format.tnetstring.TnetValue.dict;
import static io.holdfast.format.tnetstring.TnetValue.text;
import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.streamItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stats socket on a real SUB socket (GRIP §10.2): a held stream's {@code conn} and {@code sub},
 * a publish's {@code message}, the unsubscribe and disconnect when it ends, and the periodic
 * {@code report}, with the fields Pushpin 1.36 sends.
 */
class StatsSocketIT
{
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
    void reportsConnectionsSubscriptionsMessagesAndReports() throws Exception
    {
        server = HoldfastServer.start(Map.of("holdfast.zmq.stats", "tcp://127.0.0.1:*",
            "holdfast.stats.report.interval", "1"));
        // a PUB socket drops what it sends before a subscriber is connected: wait for the first report
        // (on a new socket if needed: jeromq now and then loses a fresh connection's subscription)
        ZMQ.Socket stats = zmq.connected(SocketType.SUB, server.zmqEndpoint("holdfast.zmq.stats"));
        Map<String, TnetValue> first;
        try
        {
            first = next(stats, "report");
        }
        catch (AssertionError lostSubscription)
        {
            stats = zmq.connected(SocketType.SUB, server.zmqEndpoint("holdfast.zmq.stats"));
            first = next(stats, "report");
        }
        String from = field(first, "from");
        assertTrue(from.startsWith("holdfast_"), from);

        String id;
        try (RawHttp stream = new RawHttp(server.port()))
        {
            stream.get("/stream?channel=st").readHead();
            assertEquals("[stream opened]\n", stream.readChunk());
            Map<String, TnetValue> conn = next(stats, "conn");
            id = field(conn, "id");
            assertEquals(dict("from", text(from), "id", text(id), "type", text("http"), "peer-address", text("127.0.0.1"),
                "ttl", new TnetValue.Int(120)).entries(), conn);
            assertEquals(dict("from", text(from), "mode", text("stream"), "channel", text("st"), "ttl", new TnetValue.Int(60),
                "subscribers", new TnetValue.Int(1)).entries(), next(stats, "sub"));

            new Publisher(server.controlPort()).publish(items("{\"channel\":\"st\",\"id\":\"i1\",\"formats\":"
                + "{\"http-stream\":{\"content\":\"x\\n\"}}}"));
            assertEquals("x\n", stream.readChunk());
            assertEquals(dict("from", text(from), "channel", text("st"), "item-id", text("i1"), "count", new TnetValue.Int(1),
                "transport", text("http-stream")).entries(), next(stats, "message"));
            new Publisher(server.controlPort()).publish(items(streamItem("st", "").replace("\"content\":\"\"",
                "\"action\":\"close\"")));
        }
        assertEquals(dict("from", text(from), "mode", text("stream"), "channel", text("st"),
            "unavailable", new TnetValue.Bool(true)).entries(), next(stats, "sub"));
        assertEquals(dict("from", text(from), "id", text(id), "unavailable", new TnetValue.Bool(true)).entries(),
            next(stats, "conn"));

        Map<String, TnetValue> report = next(stats, "report");
        assertEquals(List.of("from", "connections", "minutes", "received", "sent", "http-response-sent", "duration"),
            new ArrayList<>(report.keySet()));
    }

    /** The next stats message of {@code type}, skipping others (reports come every second). */
    private static Map<String, TnetValue> next(ZMQ.Socket stats, String type) throws Exception
    {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline)
        {
            byte[] message = stats.recv();
            if (message == null)
                break;
            String text = ZmqClient.text(message);
            if (text.startsWith(type + " T"))
                return ((TnetValue.Dict)TnetStringCodec.decode(message, type.length() + 2)).entries();
        }
        throw new AssertionError("no " + type + " stats message");
    }

    private static String field(Map<String, TnetValue> fields, String key)
    {
        return ((TnetValue.Bytes)fields.get(key)).text();
    }
}
