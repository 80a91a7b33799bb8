// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.item.FormatKind;
import io.holdfast.format.tnetstring.TnetStringCodec;
import io.holdfast.format.tnetstring.TnetValue;
import io.holdfast.hub.ChannelHub;
import io.holdfast.hub.Refreshables;
import io.holdfast.stats.HubMetrics;
import io.holdfast.stats.QueueBudget;
import io.holdfast.testing.RecordingSubscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command socket's requests and Pushpin's answers to them, without a socket. */
class CommandHandlerTest
{
    private final ChannelHub hub = new ChannelHub(0, 5_000, System::currentTimeMillis);
    private final Refreshables refreshables = new Refreshables();
    private final AtomicInteger recovered = new AtomicInteger();
    private final CommandHandler handler = new CommandHandler(new PublishGateway(hub, new HubMetrics(new QueueBudget(0)), 0),
        recovered::incrementAndGet, "held-1"::equals, () -> Map.of("command", "tcp://127.0.0.1:5563"), hub, refreshables);

    private static TnetValue.Dict request(String method, Map<String, TnetValue> args)
    {
        Map<String, TnetValue> packet = new LinkedHashMap<>();
        packet.put("id", TnetValue.text("r1"));
        packet.put("method", TnetValue.text(method));
        packet.put("args", new TnetValue.Dict(args));
        return new TnetValue.Dict(packet);
    }

    private TnetValue.Dict call(String method, Map<String, TnetValue> args) throws GripFormatException
    {
        return (TnetValue.Dict)TnetStringCodec.decode(handler.handle(TnetStringCodec.encode(request(method, args))), 0);
    }

    private static boolean success(TnetValue.Dict reply)
    {
        return ((TnetValue.Bool)reply.get("success").orElseThrow()).value();
    }

    private static String condition(TnetValue.Dict reply)
    {
        return ((TnetValue.Bytes)reply.get("condition").orElseThrow()).text();
    }

    @Test
    void answersWithTheRequestsIdAndTheZmqUris() throws Exception
    {
        TnetValue.Dict reply = call("get-zmq-uris", Map.of());
        assertEquals("r1", ((TnetValue.Bytes)reply.get("id").orElseThrow()).text());
        assertTrue(success(reply));
        TnetValue.Dict uris = (TnetValue.Dict)reply.get("value").orElseThrow();
        assertEquals("tcp://127.0.0.1:5563", ((TnetValue.Bytes)uris.get("command").orElseThrow()).text());
    }

    @Test
    void recoverRunsTheRecovery() throws Exception
    {
        assertTrue(success(call("recover", Map.of())));
        assertEquals(1, recovered.get());
    }

    @Test
    void conncheckNamesTheIdsHeldHere() throws Exception
    {
        TnetValue.Dict reply = call("conncheck",
            Map.of("ids", new TnetValue.Array(List.of(TnetValue.text("held-1"), TnetValue.text("gone-2")))));
        TnetValue.Array found = (TnetValue.Array)reply.get("value").orElseThrow();
        assertEquals(List.of("held-1"), found.values().stream().map(v -> ((TnetValue.Bytes)v).text()).toList());
        assertEquals("bad-request", condition(call("conncheck", Map.of("ids", TnetValue.text("held-1")))));
    }

    @Test
    void refreshFindsAConnectionByIdOrSaysItIsNotThere() throws Exception
    {
        AtomicInteger refreshed = new AtomicInteger();
        refreshables.register("ws-1", refreshed::incrementAndGet);
        assertTrue(success(call("refresh", Map.of("cid", TnetValue.text("ws-1")))));
        assertEquals(1, refreshed.get());
        assertEquals("item-not-found", condition(call("refresh", Map.of("cid", TnetValue.text("ws-9")))));
        assertTrue(success(call("refresh", Map.of("channel", TnetValue.text("c")))));
        assertEquals("bad-request", condition(call("refresh", Map.of())));
    }

    @Test
    void publishDeliversItemsAndRefusesBadOnes() throws Exception
    {
        RecordingSubscriber subscriber = new RecordingSubscriber(FormatKind.HTTP_STREAM);
        hub.subscribe("c", subscriber, Optional.empty(), List.of());
        Map<String, TnetValue> item = Map.of("channel", TnetValue.text("c"), "formats", new TnetValue.Dict(
            Map.of("http-stream", new TnetValue.Dict(Map.of("content", TnetValue.text("hi\n"))))));
        assertTrue(success(call("publish", Map.of("items", new TnetValue.Array(List.of(new TnetValue.Dict(item)))))));
        assertEquals(List.of("hi\n"), subscriber.received);
        assertEquals("bad-request", condition(call("publish", Map.of("items", TnetValue.text("x")))));
    }

    @Test
    void anUnknownMethodAndAnUnreadablePacket() throws Exception
    {
        assertEquals("method-not-found", condition(call("dance", Map.of())));
        GripFormatException unreadable = assertThrows(GripFormatException.class,
            () -> handler.handle("not a tnetstring".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(unreadable.getMessage().startsWith("received message with invalid format"));
        assertEquals("bad-format", condition((TnetValue.Dict)TnetStringCodec.decode(CommandHandler.badFormat(), 0)));
    }
}
