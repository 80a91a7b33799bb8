// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.holdfast.testing.Await;
import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.FakeWsOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.WsRecorder;

import static io.holdfast.testing.Publisher.items;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Holds that name the last item they have ({@code prev-id}) get what they missed from the channel's
 * history at once, in order and before live items, on every transport; without that item in the
 * history they fall back to Pushpin's behaviour. Here the history is in memory; {@link RedisCatchUpIT}
 * runs the same with it in Redis.
 */
class CatchUpIT
{
    private FakeOrigin origin;
    private HoldfastServer holdfast;
    private Publisher publisher;

    @AfterEach
    void stop() throws Exception
    {
        if (holdfast != null)
            holdfast.close();
        if (origin != null)
            origin.close();
    }

    @Test
    void aStreamWithoutANextLinkGetsWhatItMissedThenLiveItems() throws Exception
    {
        start(Map.of());
        origin.on("/s", 200, "open\n", "Grip-Hold", "stream", "Grip-Channel", "c; prev-id=2");
        publishOneToFour();
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            assertEquals(200, client.get("/s").readHead().status());
            assertEquals("open\nthree\nfour\n", client.readChunkedBytes("open\nthree\nfour\n".length()));
            publisher.publish(items(item("5", "4", "five")));
            assertEquals("five\n", client.readChunkedBytes("five\n".length()));
        }
        assertEquals(1, origin.drainRequests().size(), "nothing asked of the origin again");
    }

    @Test
    void aReplayLargerThanTheClientsQueueReachesAClientThatReads() throws Exception
    {
        // Replayed items are offered together and queue for one write: past the queue's bound, the
        // client must get what its connection takes, not be dropped as too far behind.
        start(Map.of("holdfast.subscriber.queue.bytes", "4096"));
        origin.on("/s", 200, "open\n", "Grip-Hold", "stream", "Grip-Channel", "c; prev-id=1");
        String text = "x".repeat(1000);
        List<String> published = new ArrayList<>();
        for (int i = 1; i <= 40; i++)
            published.add(item(Integer.toString(i), i == 1 ? null : Integer.toString(i - 1), i + text));
        publisher.publish(items(published.toArray(String[]::new)));
        StringBuilder expected = new StringBuilder("open\n");
        for (int i = 2; i <= 40; i++)
            expected.append(i).append(text).append('\n');
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            assertEquals(200, client.get("/s").readHead().status());
            assertEquals(expected.toString(), client.readChunkedBytes(expected.length()));
            publisher.publish(items(item("41", "40", "live")));
            assertEquals("live\n", client.readChunkedBytes("live\n".length()));
        }
    }

    @Test
    void aStreamWhosePrevIdIsNotInTheHistoryIsAnsweredAsPushpinDoes() throws Exception
    {
        start(Map.of());
        origin.on("/s", 200, "open\n", "Grip-Hold", "stream", "Grip-Channel", "c; prev-id=forgotten");
        publishOneToFour();
        assertPushpinAnswer();
    }

    @Test
    void withoutHistoryEveryPrevIdFallsBack() throws Exception
    {
        start(Map.of("holdfast.history.size", "0"));
        origin.on("/s", 200, "open\n", "Grip-Hold", "stream", "Grip-Channel", "c; prev-id=2");
        publishOneToFour();
        assertPushpinAnswer();
    }

    @Test
    void aLongPollIsAnsweredByTheFirstItemItMissed() throws Exception
    {
        start(Map.of());
        origin.on("/poll", 200, "timeout\n", "Grip-Hold", "response", "Grip-Channel", "c; prev-id=2");
        publishOneToFour();
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/poll").readHead();
            assertEquals(200, head.status());
            assertEquals("three\n", client.readBody(head));
        }
        Await.until("the long-poll let go", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("c") == 0);
    }

    @Test
    void aWebSocketSubscriptionWithAPrevIdGetsWhatItMissed() throws Exception
    {
        try (FakeWsOrigin wsOrigin = new FakeWsOrigin())
        {
            start(Map.of("holdfast.routes", "* 127.0.0.1:" + wsOrigin.port()));
            publishOneToFour();
            try (WsRecorder client = WsRecorder.connect(holdfast.port(), "/"))
            {
                FakeWsOrigin.Connection upstream = wsOrigin.take();
                upstream.sendText("c:{\"type\":\"subscribe\",\"channel\":\"c\",\"prev-id\":\"2\"}");
                client.assertText("three");
                client.assertText("four");
                // WebSockets are not sequenced: a live item with any prev-id follows.
                publisher.publish(items(item("9", "7", "nine")));
                client.assertText("nine");
            }
        }
    }

    private void start(Map<String, String> settings) throws Exception
    {
        origin = new FakeOrigin();
        Map<String, String> all = new HashMap<>(Map.of("holdfast.routes", "* 127.0.0.1:" + origin.port()));
        all.putAll(historySettings());
        all.putAll(settings);
        holdfast = HoldfastServer.start(all);
        awaitReady(holdfast);
        publisher = new Publisher(holdfast.controlPort());
    }

    /** Where the history is kept: in memory here. */
    Map<String, String> historySettings()
    {
        return Map.of();
    }

    void awaitReady(HoldfastServer server)
    {
    }

    private void publishOneToFour() throws Exception
    {
        publisher.publish(items(item("1", null, "one"), item("2", "1", "two"), item("3", "2", "three"),
            item("4", "3", "four")));
    }

    private void assertPushpinAnswer() throws Exception
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/s").readHead();
            assertEquals(200, head.status());
            assertEquals("open\n", client.readBody(head));
        }
        assertEquals(0, holdfast.hub().subscriberCount("c"), "nothing held");
    }

    // One item in all three formats, so that each transport takes it.
    private static String item(String id, String prevId, String text)
    {
        return "{\"channel\":\"c\",\"id\":\"" + id + "\"" + (prevId == null ? "" : ",\"prev-id\":\"" + prevId + "\"")
            + ",\"formats\":{\"http-stream\":{\"content\":\"" + text + "\\n\"},\"http-response\":{\"body\":\"" + text
            + "\\n\"},\"ws-message\":{\"content\":\"" + text + "\"}}}";
    }
}
