// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

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
import io.holdfast.testing.ManualClock;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link WsSession}'s GRIP rules between two fake legs and a real hub: no sockets, no container. */
class WsSessionTest
{
    private final ManualClock clock = new ManualClock();
    private final ChannelHub hub = new ChannelHub(0, 5_000, System::currentTimeMillis);
    private final WsEnvironment env = new WsEnvironment(hub, new HubMetrics(new QueueBudget(0)),
        new HubActivity(System::currentTimeMillis), new Refreshables(), clock.holdClock(), Runnable::run, 100, 1 << 20,
        SUBSCRIPTION_MAX, 1 << 20, 0, null);
    private final FakeOrigin origin = new FakeOrigin();
    private final FakeClient client = new FakeClient(clock);
    private final WsSession session = new WsSession(env, origin, "test:1", "", List.of());

    private static final int SUBSCRIPTION_MAX = 3;

    @AfterEach
    void stop()
    {
        clock.shutdownNow();
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
        private final ManualClock clock;
        private volatile long lastSendNanos;

        FakeClient(ManualClock clock)
        {
            this.clock = clock;
            this.lastSendNanos = clock.nanoTime();
        }

        @Override
        public boolean offer(Outgoing message, long publishedNanos)
        {
            received.add(message instanceof Text text ? text.text() : message.getClass().getSimpleName());
            lastSendNanos = clock.nanoTime();
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
            return lastSendNanos;
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

    @Test
    void anIdleKeepAliveWaitsForItsTimeoutOfSilence()
    {
        opened(Optional.of("m:"));
        session.onText("c:{\"type\":\"keep-alive\",\"content\":\"ka\",\"timeout\":2}");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of("ka"), client.received);
        clock.advance(Duration.ofSeconds(1));
        session.onText("m:news");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("ka", "news"), client.received, "a message a second ago postpones it");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("ka", "news", "ka"), client.received);
    }

    @Test
    void anIntervalKeepAliveComesWhileMessagesFlow()
    {
        opened(Optional.of("m:"));
        session.onText("c:{\"type\":\"keep-alive\",\"content\":\"ka\",\"timeout\":1,\"mode\":\"interval\"}");
        for (int i = 0; i < 4; i++)
        {
            clock.advance(Duration.ofMillis(300));
            session.onText("m:" + i);
        }
        assertEquals(List.of("0", "1", "2", "ka", "3"), client.received);
    }

    @Test
    void aKeepAliveWithoutContentStopsThem()
    {
        opened(Optional.of("m:"));
        session.onText("c:{\"type\":\"keep-alive\",\"content\":\"ka\",\"timeout\":1}");
        session.onText("c:{\"type\":\"keep-alive\"}");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of(), client.received);
        assertEquals(List.of(), clock.dueIn());
    }

    @Test
    void subscriptionsBeyondTheMaximumAreIgnored()
    {
        opened(Optional.of("m:"));
        for (int i = 0; i <= SUBSCRIPTION_MAX; i++)
            session.onText("c:{\"type\":\"subscribe\",\"channel\":\"c" + i + "\"}");
        assertEquals(Set.of("c0", "c1", "c2"), session.channels());
        assertEquals(0, hub.subscriberCount("c3"));
    }

    @Test
    void theRoutesPrefixIsAddedAndTheTargetsChannelsCannotBeUnsubscribed()
    {
        WsSession prefixed = new WsSession(env, origin, "test:2", "p_", List.of("fixed"));
        prefixed.originAccepted(Optional.of("m:"));
        prefixed.clientOpened(client);
        prefixed.onText("c:{\"type\":\"subscribe\",\"channel\":\"news\"}");
        assertEquals(Set.of("p_fixed", "p_news"), prefixed.channels());
        prefixed.onText("c:{\"type\":\"unsubscribe\",\"channel\":\"news\"}");
        prefixed.onText("c:{\"type\":\"unsubscribe\",\"channel\":\"fixed\"}");
        assertEquals(Set.of("p_fixed"), prefixed.channels());
        assertEquals(0, hub.subscriberCount("p_news"));
        assertEquals(1, hub.subscriberCount("p_fixed"));
    }

    @Test
    void anInvalidControlMessageIsIgnored()
    {
        opened(Optional.of("m:"));
        session.onText("c:{\"type\":\"subscribe\"}");
        session.onText("c:not json");
        session.onText("c:{\"type\":\"subscribe\",\"channel\":\"news\"}");
        assertEquals(Set.of("news"), session.channels());
        assertEquals(List.of(), client.received);
    }

    @Test
    void setMetaIsSeenByPublishFiltersAndRemovedWithoutAValue()
    {
        opened(Optional.of("m:"));
        session.onText("c:{\"type\":\"set-meta\",\"name\":\"user\",\"value\":\"alice\"}");
        assertEquals(Map.of("user", "alice"), session.meta());
        session.onText("c:{\"type\":\"set-meta\",\"name\":\"user\"}");
        assertEquals(Map.of(), session.meta());
    }

    @Test
    void afterDetachTheOriginIsGoneAndTheClientOnlyReceivesPublishes()
    {
        opened(Optional.of("m:"));
        session.onText("c:{\"type\":\"subscribe\",\"channel\":\"news\"}");
        session.onText("c:{\"type\":\"detach\"}");
        assertEquals("disconnected", origin.closed);
        session.clientText("to nobody");
        assertEquals(List.of(), origin.sent);
        hub.publish(wsItem("news", Action.SEND, "still here", OptionalInt.empty()));
        assertEquals(List.of("still here"), client.received);
    }

    @Test
    void theClientLeavingUnsubscribesEverythingAndClosesTheOrigin()
    {
        opened(Optional.of("m:"));
        session.onText("c:{\"type\":\"subscribe\",\"channel\":\"news\"}");
        session.clientClosed(1000, "bye");
        assertEquals(0, hub.subscriberCount("news"));
        assertEquals("1000 bye", origin.closed);
    }

    private void opened(Optional<String> prefix)
    {
        session.originAccepted(prefix);
        session.clientOpened(client);
    }
}
