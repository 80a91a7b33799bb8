// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.tnetstring.TnetStringCodec;
import io.holdfast.format.tnetstring.TnetValue;
import io.holdfast.stats.HubEvent;
import io.holdfast.testing.Await;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.ZmqClient;

import static io.holdfast.format.tnetstring.TnetValue.dict;
import static io.holdfast.format.tnetstring.TnetValue.text;
import static io.holdfast.testing.ZmqClient.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The command socket on a real REQ socket (GRIP §6.4): each method with the reply Pushpin 1.36 gives
 * (recorded by src/test/conformance/ZmqProbe.java), and a request it cannot read answered rather than
 * left hanging.
 */
class CommandSocketIT
{
    private static final TnetValue NULL = new TnetValue.Null();
    private static final TnetValue TRUE = new TnetValue.Bool(true);
    private static final TnetValue FALSE = new TnetValue.Bool(false);

    private final ZmqClient zmq = new ZmqClient();
    private HoldfastServer server;
    private String command;

    @BeforeEach
    void start() throws Exception
    {
        server = HoldfastServer.start(Map.of("holdfast.zmq.command", "tcp://127.0.0.1:*",
            "holdfast.zmq.pull", "tcp://127.0.0.1:*", "holdfast.zmq.sub", "tcp://127.0.0.1:*"));
        command = server.zmqEndpoint("holdfast.zmq.command");
    }

    @AfterEach
    void stop() throws Exception
    {
        zmq.close();
        server.close();
    }

    @Test
    void getZmqUrisNamesTheBoundSockets() throws Exception
    {
        assertEquals(dict("id", text("1"), "success", TRUE, "value", dict(
                "command", text(command),
                "publish-pull", text(server.zmqEndpoint("holdfast.zmq.pull")),
                "publish-sub", text(server.zmqEndpoint("holdfast.zmq.sub")))),
            call(dict("id", text("1"), "method", text("get-zmq-uris"))));
    }

    @Test
    void recoverRefreshAndUnknownMethods() throws Exception
    {
        assertEquals(dict("id", text("2"), "success", TRUE, "value", NULL), call(dict("id", text("2"), "method", text("recover"))));
        assertEquals(dict("id", text("5"), "success", FALSE, "condition", text("bad-request")),
            call(dict("id", text("5"), "method", text("refresh"))));
        assertEquals(dict("id", text("6"), "success", TRUE, "value", NULL),
            call(dict("id", text("6"), "method", text("refresh"), "args", dict("channel", text("zp")))));
        assertEquals(dict("id", text("7"), "success", FALSE, "condition", text("item-not-found")),
            call(dict("id", text("7"), "method", text("refresh"), "args", dict("cid", text("nope:1")))));
        assertEquals(dict("id", text("12"), "success", FALSE, "condition", text("method-not-found")),
            call(dict("id", text("12"), "method", text("nope"))));
        assertEquals(dict("success", TRUE, "value", NULL), call(dict("method", text("recover"))), "no id, none back");
    }

    @Test
    void conncheckAnswersWhichConnectionsAreStillHeld() throws Exception
    {
        try (RawHttp stream = new RawHttp(server.port()))
        {
            stream.get("/stream?channel=cc").readHead();
            Await.until("held", Duration.ofSeconds(5), () -> !server.activity().current().isEmpty());
            String held = ((HubEvent.Connected)server.activity().current().get(0)).id();
            TnetValue ask = dict("id", text("3"), "method", text("conncheck"), "args",
                dict("ids", new TnetValue.Array(List.of(text("nope:1"), text(held)))));
            assertEquals(dict("id", text("3"), "success", TRUE, "value", new TnetValue.Array(List.of(text(held)))), call(ask));
            assertEquals(dict("id", text("4"), "success", FALSE, "condition", text("bad-request")),
                call(dict("id", text("4"), "method", text("conncheck"), "args", dict("ids", text("x")))));
        }
    }

    @Test
    void publishDeliversOrAnswersWithThePublishApisMessage() throws Exception
    {
        try (RawHttp stream = new RawHttp(server.port()))
        {
            stream.get("/stream?channel=cp").readHead();
            assertEquals("[stream opened]\n", stream.readChunk());
            TnetValue item = dict("channel", text("cp"), "formats", dict("http-stream", dict("content", text("c1\n"))));
            assertEquals(dict("id", text("8"), "success", TRUE, "value", NULL), call(dict("id", text("8"), "method",
                text("publish"), "args", dict("items", new TnetValue.Array(List.of(item))))));
            assertEquals("c1\n", stream.readChunk());
        }
        assertEquals(dict("id", text("9"), "success", FALSE, "condition", text("bad-request"),
                "value", text("Invalid format: object does not contain 'items'")),
            call(dict("id", text("9"), "method", text("publish"), "args", dict())));
        assertEquals(dict("id", text("10"), "success", FALSE, "condition", text("bad-request"),
                "value", text("Invalid format: object contains 'items' with wrong type")),
            call(dict("id", text("10"), "method", text("publish"), "args", dict("items", text("x")))));
        assertEquals(dict("id", text("11"), "success", FALSE, "condition", text("bad-request"),
                "value", text("Invalid format: no formats specified")),
            call(dict("id", text("11"), "method", text("publish"), "args",
                dict("items", new TnetValue.Array(List.of(dict("channel", text("cp"))))))));
    }

    @Test
    void aRequestItCannotReadIsAnsweredAndCounted() throws Exception
    {
        TnetValue badFormat = dict("success", FALSE, "condition", text("bad-format"));
        assertEquals(badFormat, decode(zmq.request(command, bytes("hello"))));
        assertEquals(badFormat, decode(zmq.request(command, bytes("99:abc,"))));
        assertEquals(badFormat, call(dict("id", new TnetValue.Int(1), "method", text("recover"))));
        assertEquals(badFormat, call(dict("id", text("1"))));
        assertEquals(4, server.zmq().rejected());
        assertEquals(dict("id", text("13"), "success", TRUE, "value", NULL), call(dict("id", text("13"), "method", text("recover"))));
    }

    private TnetValue call(TnetValue request) throws GripFormatException
    {
        return decode(zmq.request(command, TnetStringCodec.encode(request)));
    }

    private static TnetValue decode(byte[] reply) throws GripFormatException
    {
        return TnetStringCodec.decode(reply, 0);
    }
}
