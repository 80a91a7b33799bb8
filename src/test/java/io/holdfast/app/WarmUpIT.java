// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.holdfast.format.item.FormatKind;
import io.holdfast.testing.Await;
import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.LogLines;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start-up warm-up ({@code holdfast.warmup}) on Holdfast's listener: it runs before the
 * server is up, touches neither the configured origin nor the counters, and leaves no hold, channel,
 * thread or log level behind.
 */
class WarmUpIT
{
    private static final Pattern SUMMARY = Pattern.compile("warm-up: (\\d+) holds set up");

    @BeforeAll
    static void keepLogLines()
    {
        LogLines.install();
    }

    @Test
    void runsBeforeTheFirstClientAndLeavesNothingBehind() throws Exception
    {
        try (FakeOrigin origin = FakeOrigin.helloAndStream("after-warm-up");
             HoldfastServer holdfast = HoldfastServer.start(Map.of("holdfast.routes", "* 127.0.0.1:" + origin.port(),
                 "holdfast.warmup", "1")))
        {
            Matcher summary = SUMMARY.matcher(LogLines.await("warm-up: ", "holds set up"));
            assertTrue(summary.find());
            assertTrue(Integer.parseInt(summary.group(1)) >= 210, summary.group());
            assertEquals(List.of(), LogLines.matching("warm-up ended early"));

            assertEquals(List.of(), origin.drainRequests(), "the configured origin saw nothing of the warm-up");
            assertEquals(0, holdfast.hub().activeChannels().size());
            assertEquals(0, holdfast.metrics().received());
            assertEquals(0, holdfast.metrics().delivered(FormatKind.HTTP_STREAM));
            assertEquals(0, holdfast.metrics().delivered(FormatKind.HTTP_RESPONSE));
            assertEquals(0, holdfast.metrics().latency().count());
            assertEquals(0, holdfast.activity().connectionCounts().values().stream().mapToInt(Integer::intValue).sum());
            Await.until("the warm-up origin's threads end", Duration.ofSeconds(5), () -> Thread.getAllStackTraces().keySet()
                .stream().noneMatch(thread -> thread.getName().startsWith("holdfast-warmup-origin")));

            try (RawHttp client = new RawHttp(holdfast.port()))
            {
                RawHttp.Head head = client.get("/stream", "Host: warmed.example").readHead();
                assertEquals(200, head.status());
                assertEquals("opened\n", client.readChunk());
                Await.until("the stream is held", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("after-warm-up") == 1);
                new Publisher(holdfast.controlPort()).publish(Publisher.items(Publisher.streamItem("after-warm-up", "hello\n")));
                assertEquals("hello\n", client.readChunk());
            }
            assertEquals(1, holdfast.metrics().received());
            // The proxy's log is back on: the client's request has its line.
            LogLines.await("GET http://warmed.example/stream -> 127.0.0.1:" + origin.port() + " accept");
        }
    }

    @Test
    void zeroSecondsMeansNone() throws Exception
    {
        int before = LogLines.matching("warm-up: ").size();
        try (FakeOrigin origin = FakeOrigin.helloAndStream("unwarmed");
             HoldfastServer holdfast = HoldfastServer.start(Map.of("holdfast.routes", "* 127.0.0.1:" + origin.port(),
                 "holdfast.warmup", "0")))
        {
            try (RawHttp client = new RawHttp(holdfast.port()))
            {
                assertEquals("hello from origin\n", client.readBody(client.get("/hello").readHead()));
            }
            assertEquals(before, LogLines.matching("warm-up: ").size());
        }
    }
}
