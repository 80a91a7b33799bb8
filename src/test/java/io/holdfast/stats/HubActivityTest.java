// SPDX-License-Identifier: Apache-2.0
package io.holdfast.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.item.FormatKind;
import io.holdfast.format.item.PublishItem;
import io.holdfast.format.item.PublishItemParser;
import io.holdfast.hub.ChannelHub;
import io.holdfast.hub.Subscriber;
import io.holdfast.testing.RecordingSubscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link HubActivity} as the hub and a transport feed it: events in order, conncheck, report counters. */
class HubActivityTest
{
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final HubActivity activity = new HubActivity(clock::get);
    private final ChannelHub hub = new ChannelHub(0, 5_000, clock::get, activity, new HubMetrics(new QueueBudget(0)));
    private final List<HubEvent> events = new ArrayList<>();

    @Test
    void reportsConnectionsSubscriptionsAndDeliveriesInOrder() throws GripFormatException
    {
        activity.setListener(events::add);
        String id = activity.connectionOpened(ConnectionKind.STREAM, "127.0.0.1", false);
        Subscriber stream = new RecordingSubscriber(FormatKind.HTTP_STREAM);
        Subscriber poll = new RecordingSubscriber(FormatKind.HTTP_RESPONSE);
        hub.subscribe("c", stream, Optional.empty(), List.of());
        hub.subscribe("c", poll, Optional.empty(), List.of());
        hub.publish(item("c", "7"));
        hub.unsubscribe("c", stream);
        hub.unsubscribe("c", poll);
        activity.connectionClosed(id);

        assertEquals(List.of(
            new HubEvent.Connected(id, ConnectionType.HTTP, "127.0.0.1", false),
            new HubEvent.Subscribed(FormatKind.HTTP_STREAM, "c", 1),
            new HubEvent.Subscribed(FormatKind.HTTP_RESPONSE, "c", 1),
            new HubEvent.Delivered("c", Optional.of("7"), FormatKind.HTTP_RESPONSE, 1),
            new HubEvent.Delivered("c", Optional.of("7"), FormatKind.HTTP_STREAM, 1),
            new HubEvent.Unsubscribed(FormatKind.HTTP_STREAM, "c"),
            new HubEvent.Unsubscribed(FormatKind.HTTP_RESPONSE, "c"),
            new HubEvent.Disconnected(id)), events);
        assertTrue(id.startsWith(activity.instanceId() + ":"), id);
    }

    @Test
    void thePeakSinceLastAskedSeesConnectionsThatCameAndWent()
    {
        String first = activity.connectionOpened(ConnectionKind.STREAM, "127.0.0.1", false);
        assertEquals(1, activity.takeConnectionsPeak());
        String second = activity.connectionOpened(ConnectionKind.LONG_POLL, "127.0.0.1", false);
        String third = activity.connectionOpened(ConnectionKind.STREAM, "127.0.0.1", false);
        activity.connectionClosed(second);
        activity.connectionClosed(third);
        assertEquals(3, activity.takeConnectionsPeak(), "three at once, though only one is held now");
        assertEquals(1, activity.takeConnectionsPeak(), "counted again from those held when last asked");
        activity.connectionClosed(first);
        assertEquals(1, activity.takeConnectionsPeak());
        assertEquals(0, activity.takeConnectionsPeak());
    }

    @Test
    void knowsWhichConnectionsAreHeld()
    {
        String a = activity.connectionOpened(ConnectionKind.STREAM, "::1", true);
        String b = activity.connectionOpened(ConnectionKind.WEBSOCKET, "::1", false);
        assertEquals(1, activity.connectionKindCounts().get(ConnectionKind.WEBSOCKET));
        assertEquals(0, activity.connectionKindCounts().get(ConnectionKind.SSE));
        activity.connectionClosed(b);
        assertTrue(activity.isConnected(a));
        assertFalse(activity.isConnected(b));
        assertFalse(activity.isConnected("someone-else:1"));
        assertEquals(List.of(new HubEvent.Connected(a, ConnectionType.HTTP, "::1", true)), activity.current());
    }

    @Test
    void reportsCountPerIntervalAndStartAgain() throws GripFormatException
    {
        String a = activity.connectionOpened(ConnectionKind.STREAM, "127.0.0.1", false);
        String b = activity.connectionOpened(ConnectionKind.STREAM, "127.0.0.1", false);
        hub.subscribe("c", new RecordingSubscriber(FormatKind.HTTP_RESPONSE), Optional.empty(), List.of());
        hub.subscribe("c", new RecordingSubscriber(FormatKind.HTTP_STREAM), Optional.empty(), List.of());
        hub.publish(item("c", "1"));
        hub.publish(item("nobody", "2"));
        activity.connectionClosed(b);
        clock.addAndGet(150_000);

        // two connections at most; a counts 1 + 2 whole minutes, b its first minute
        assertEquals(new HubReport(2, 4, 2, 2, 1, 150_000), activity.takeReport());
        clock.addAndGet(30_000);
        // a reaches its third whole minute
        assertEquals(new HubReport(1, 1, 0, 0, 0, 30_000), activity.takeReport());
        activity.connectionClosed(a);
    }

    private static PublishItem item(String channel, String id) throws GripFormatException
    {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        var stream = nodes.objectNode().put("content", "x");
        var response = nodes.objectNode().put("body", "x");
        var formats = nodes.objectNode();
        formats.set("http-stream", stream);
        formats.set("http-response", response);
        var item = nodes.objectNode().put("channel", channel).put("id", id);
        item.set("formats", formats);
        return PublishItemParser.parse(item);
    }

}
