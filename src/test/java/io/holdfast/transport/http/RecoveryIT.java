// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.holdfast.testing.Await;
import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;

import static io.holdfast.testing.Publisher.items;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Streams recovering through their next link, and long-polls asking their origin again (GRIP §9). */
class RecoveryIT
{
    private FakeOrigin origin;
    private HoldfastServer holdfast;
    private Publisher publisher;

    @BeforeEach
    void start() throws Exception
    {
        origin = new FakeOrigin();
        // Without the first-subscriber re-check, which would fetch next links a second time
        // around the one-second marks these tests watch (LongPollIT covers the re-check).
        holdfast = HoldfastServer.start(Map.of("holdfast.first.subscriber.recheck", "0", "holdfast.routes",
            "* 127.0.0.1:" + origin.port() + "\ndebug.example,debug 127.0.0.1:" + origin.port()));
        publisher = new Publisher(holdfast.controlPort());
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
        origin.close();
    }

    @Test
    void aQuietStreamFetchesItsNextLinkWithGripLast() throws Exception
    {
        origin.on("/s", 200, "start\n", "Grip-Hold", "stream", "Grip-Channel", "q; prev-id=7",
            "Grip-Link", "</s/next?after=7>; rel=next; timeout=1");
        origin.on("/s/next", 200, "caught up\n", "Grip-Hold", "stream", "Grip-Channel", "q; prev-id=9",
            "Grip-Link", "</s/next?after=9>; rel=next; timeout=60");
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.get("/s").readHead();
            assertEquals("start\n", client.readChunkedBytes(6));
            origin.takeRequest();
            assertEquals("caught up\n", client.readChunkedBytes(10), "fetched after a quiet second");
            FakeOrigin.RecordedRequest next = origin.takeRequest();
            assertEquals("/s/next?after=7", next.uri());
            assertEquals("q; last-id=7", next.header("Grip-Last"));
            publisher.publish(items("{\"channel\":\"q\",\"id\":\"10\",\"prev-id\":\"9\",\"formats\":{\"http-stream\":{\"content\":\"ten\\n\"}}}"));
            assertEquals("ten\n", client.readChunkedBytes(4));
        }
    }

    @Test
    void aPrevIdGapIsRecoveredThroughTheNextLink() throws Exception
    {
        origin.on("/g", 200, "", "Grip-Hold", "stream", "Grip-Channel", "gap; prev-id=1",
            "Grip-Link", "</g/next>; rel=next; timeout=600");
        origin.on("/g/next", 200, "2 and 3 from the origin\n", "Grip-Hold", "stream", "Grip-Channel", "gap; prev-id=3",
            "Grip-Link", "</g/next>; rel=next; timeout=600");
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.get("/g").readHead();
            Await.until("subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("gap") == 1);
            origin.takeRequest();
            publisher.publish(items("{\"channel\":\"gap\",\"id\":\"3\",\"prev-id\":\"2\",\"formats\":{\"http-stream\":{\"content\":\"3\\n\"}}}"));
            assertEquals("2 and 3 from the origin\n", client.readChunkedBytes(24));
            assertEquals("gap; last-id=1", origin.takeRequest().header("Grip-Last"));
            publisher.publish(items("{\"channel\":\"gap\",\"id\":\"4\",\"prev-id\":\"3\",\"formats\":{\"http-stream\":{\"content\":\"4\\n\"}}}"));
            assertEquals("4\n", client.readChunkedBytes(2), "back in sequence after the link");
        }
    }

    @Test
    void aHintFetchesTheNextLinkAtOnce() throws Exception
    {
        origin.on("/h", 200, "", "Grip-Hold", "stream", "Grip-Channel", "hc", "Grip-Link", "</h/more>; rel=next; timeout=600");
        origin.on("/h/more", 200, "the big payload\n", "Grip-Hold", "stream", "Grip-Channel", "hc");
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            client.get("/h").readHead();
            Await.until("subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("hc") == 1);
            publisher.publish(items("{\"channel\":\"hc\",\"formats\":{\"http-stream\":{\"action\":\"hint\"}}}"));
            assertEquals("the big payload\n", client.readChunkedBytes(16));
        }
    }

    @Test
    void aLinkWithoutAHoldPagesUntilAPlainAnswer() throws Exception
    {
        origin.on("/p1", 200, "page 1\n", "Grip-Link", "</p2>; rel=next");
        origin.on("/p2", 200, "page 2\n", "Grip-Link", "</p3>; rel=next");
        origin.on("/p3", 200, "page 3\n", "Content-Type", "text/plain");
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/p1").readHead();
            assertEquals("page 1\npage 2\npage 3\n", client.readBody(head));
        }
    }

    @Test
    void aLinkAnsweringWithAResponseHoldEndsTheStream() throws Exception
    {
        origin.on("/r", 200, "start\n", "Grip-Hold", "stream", "Grip-Channel", "r", "Grip-Link", "</r/next>; rel=next; timeout=1");
        origin.on("/r/next", 200, "", "Grip-Hold", "response", "Grip-Channel", "r");
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            RawHttp.Head head = client.get("/r", "Host: debug.example").readHead();
            assertEquals("start\n\n\nNext link returned non-stream hold.\n", client.readBody(head));
        }
    }

    @Test
    void aLongPollRetryingItsOriginStillTakesAPublishThatComesFirst() throws Exception
    {
        CountDownLatch originMayAnswer = new CountDownLatch(1);
        origin.on("/lp", exchange ->
        {
            if (exchange.getRequestHeaders().getFirst("Grip-Last") != null)
            {
                try
                {
                    originMayAnswer.await(5, TimeUnit.SECONDS);
                }
                catch (InterruptedException e)
                {
                    Thread.currentThread().interrupt();
                }
                FakeOrigin.respond(exchange, 200, "too late\n".getBytes());
                return;
            }
            FakeOrigin.respond(exchange, 200, "".getBytes(), "Grip-Hold", "response", "Grip-Channel", "lp; prev-id=1");
        });
        try (RawHttp client = new RawHttp(holdfast.port(), 10_000))
        {
            client.get("/lp");
            Await.until("held", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("lp") == 1);
            origin.takeRequest();
            // A gap: the long-poll asks its origin again and stays subscribed while it waits.
            publisher.publish(items("{\"channel\":\"lp\",\"id\":\"3\",\"prev-id\":\"2\",\"formats\":{\"http-response\":{\"body\":\"3\\n\"}}}"));
            assertEquals("lp; last-id=1", origin.takeRequest().header("Grip-Last"));
            publisher.publish(items("{\"channel\":\"lp\",\"id\":\"4\",\"formats\":{\"http-response\":{\"body\":\"fresh\\n\"}}}"));
            RawHttp.Head head = client.readHead();
            assertEquals("fresh\n", client.readBody(head));
            originMayAnswer.countDown();
        }
    }

    @Test
    void recoverMakesHeldLongPollsAskAgain() throws Exception
    {
        origin.on("/rc", exchange ->
        {
            if (recovered)
                FakeOrigin.respond(exchange, 200, "recovered\n".getBytes());
            else
                FakeOrigin.respond(exchange, 200, new byte[0], "Grip-Hold", "response", "Grip-Channel", "rc");
        });
        try (RawHttp client = new RawHttp(holdfast.port(), 10_000))
        {
            client.get("/rc");
            Await.until("held", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("rc") == 1);
            recovered = true;
            assertEquals(200, publisher.post("/recover", "").statusCode());
            RawHttp.Head head = client.readHead();
            assertEquals("recovered\n", client.readBody(head));
        }
    }

    private volatile boolean recovered;
}
