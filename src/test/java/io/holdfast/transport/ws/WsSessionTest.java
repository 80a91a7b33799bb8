// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.holdfast.format.item.Action;
import io.holdfast.format.item.PublishItem;
import io.holdfast.format.item.WsMessageFormat;
import io.holdfast.hub.ChannelHub;
import io.holdfast.hub.Refreshables;
import io.holdfast.stats.HubActivity;
import io.holdfast.stats.HubMetrics;
import io.holdfast.stats.QueueBudget;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link WsSession}'s GRIP rules between two fake legs and a real hub: no sockets, no container. */
class WsSessionTest
{
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final ChannelHub hub = new ChannelHub(0, 5_000, System::currentTimeMillis);
    private final WsEnvironment env = new WsEnvironment(hub, new HubMetrics(new QueueBudget(0)),
        new HubActivity(System::currentTimeMillis), new Refreshables(), timer, Runnable::run, 100, 1 << 20, 20, 1 << 20,
        0, null);
    private final FakeOrigin origin = new FakeOrigin();
    private final FakeClient client = new FakeClient();
    private final WsSession session = new WsSession(env, origin, "test:1", "", List.of());

    @AfterEach
    void stop()
    {
        timer.shutdownNow();
    }

    /** The origin side: records what the session sends it. */
    private static final class FakeOrigin implements OriginLeg
    {
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile String closed;

        @Override
        public HandshakeAnswer open(Listener listener)
        {
            return new HandshakeAnswer.Accepted(List.of(), Optional.empty());
        }

        @Override
        public void sendText(String text)
        {
            sent.add(text);
        }

        @Override
        public void sendBinary(ByteBuffer data)
        {
            sent.add("binary " + data.remaining());
        }

        @Override
        public void sendPing(ByteBuffer data)
        {
        }

        @Override
        public void sendPong(ByteBuffer data)
        {
        }

        @Override
        public void close(int code, String reason)
        {
            closed = code + " " + reason;
        }

        @Override
        public void disconnect()
        {
            closed = "disconnected";
        }
    }

    /** The client side: records what is offered to it and how it was closed. */
    private static final class FakeClient implements ClientLeg
    {
        final List<String> received = new CopyOnWriteArrayList<>();
        volatile String closed;

        @Override
        public boolean offer(Outgoing message, long publishedNanos)
        {
            received.add(message instanceof Text text ? text.text() : message.getClass().getSimpleName());
            return true;
        }

        @Override
        public void close(CloseReason reason)
        {
            closed = reason.getCloseCode().getCode() + " " + reason.getReasonPhrase();
        }

        @Override
        public boolean isBacklogged()
        {
            return false;
        }

        @Override
        public long lastSendNanos()
        {
            return 0;
        }
    }

    private static PublishItem wsItem(String channel, Action action, String text, OptionalInt code)
    {
        return new PublishItem(channel, Optional.empty(), Optional.empty(), Map.of(), false, Optional.empty(),
            Optional.empty(), Optional.of(new WsMessageFormat(action, WsMessageFormat.Type.TEXT,
                text.getBytes(StandardCharsets.UTF_8), code, Optional.of("bye"), List.of())));
    }

    @Test
    void whatTheOriginSaysBeforeTheClientIsThereWaitsAndKeepsItsOrder()
    {
        session.onText("early");
        session.originAccepted(Optional.empty());
        session.onText("second");
        session.clientOpened(client);
        session.onText("third");
        assertEquals(List.of("early", "second", "third"), client.received);
    }

    @Test
    void withGripOnlyPrefixedMessagesReachTheClientAndControlMessagesSubscribe()
    {
        session.originAccepted(Optional.of("m:"));
        session.clientOpened(client);
        session.onText("m:hello");
        session.onText("no prefix");
        session.onText("c:{\"type\":\"subscribe\",\"channel\":\"news\"}");
        assertEquals(1, hub.subscriberCount("news"));
        hub.publish(wsItem("news", Action.SEND, "published", OptionalInt.empty()));
        assertEquals(List.of("hello", "published"), client.received);
    }

    @Test
    void theClientsMessagesGoToTheOriginUnchanged()
    {
        session.originAccepted(Optional.of("m:"));
        session.clientOpened(client);
        session.clientText("c:not a control message");
        assertEquals(List.of("c:not a control message"), origin.sent);
    }

    @Test
    void aPublishedCloseClosesTheClientWithItsCodeAndTheOriginBare()
    {
        session.originAccepted(Optional.of("m:"));
        session.clientOpened(client);
        session.onText("c:{\"type\":\"subscribe\",\"channel\":\"news\"}");
        hub.publish(wsItem("news", Action.CLOSE, "", OptionalInt.of(4001)));
        assertEquals("4001 bye", client.closed);
        assertEquals("-1 ", origin.closed);
    }
}
