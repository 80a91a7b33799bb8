// SPDX-License-Identifier: Apache-2.0
package io.holdfast.dashboard;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.testing.Await;
import io.holdfast.testing.HeadlessChromium;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.streamItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser (headless Chromium, driven over DevTools): the page on the control
 * port goes live on its event stream, and its numbers follow what the test does, streams opened and
 * items published. With a publish key, the page needs the key as {@code ?access_token=}.
 */
class DashboardIT
{
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path profile;

    @BeforeAll
    static void browser()
    {
        assertTrue(HeadlessChromium.binary().isPresent(), "Chromium is missing: apt-get install -y chromium (.ci/run does)");
    }

    @Test
    void theNumbersOnThePageFollowStreamsAndPublishes() throws Exception
    {
        try (HoldfastServer holdfast = HoldfastServer.start(Map.of());
             HeadlessChromium chromium = HeadlessChromium.start(profile))
        {
            chromium.navigate("http://127.0.0.1:" + holdfast.controlPort() + "/dashboard");
            awaitText(chromium, "status", "live");
            // The page's own event stream is a held SSE connection, the only one so far.
            awaitText(chromium, "conn-sse", "1");
            assertEquals("0", chromium.text("conn-stream"));
            assertEquals("0", chromium.text("published"));

            List<RawHttp> streams = new ArrayList<>();
            try
            {
                for (int i = 0; i < 3; i++)
                {
                    RawHttp stream = new RawHttp(holdfast.port());
                    stream.get("/stream?channel=watched").readHead();
                    streams.add(stream);
                }
                Publisher publisher = new Publisher(holdfast.controlPort());
                for (int i = 0; i < 5; i++)
                    publisher.publish(items(streamItem("watched", "item " + i + "\n")));
                awaitText(chromium, "conn-stream", "3");
                awaitText(chromium, "published", "5");
                awaitText(chromium, "delivered", "15");
                awaitText(chromium, "channels", "1");
                assertEquals("watched3", chromium.evaluate("document.getElementById('busiest').innerText.replace(/\\s/g, '')"));
                assertTrue(Long.parseLong(chromium.evaluate(
                    "String([...document.querySelectorAll('#latency tr')].length)")) > 1, "latency buckets drawn");
                chromium.screenshot(Path.of("target", "dashboard.png"));
            }
            finally
            {
                for (RawHttp stream : streams)
                    stream.close();
            }
            awaitText(chromium, "conn-stream", "0");
        }
    }

    @Test
    void withAPublishKeyThePageTakesItAsAnAccessToken() throws Exception
    {
        try (HoldfastServer holdfast = HoldfastServer.start(Map.of("holdfast.publish.key", "dash-key"));
             HeadlessChromium chromium = HeadlessChromium.start(profile))
        {
            String page = "http://127.0.0.1:" + holdfast.controlPort() + "/dashboard";
            chromium.navigate(page);
            Await.until("the refusal shown", WAIT,
                () -> chromium.evaluate("document.body.innerText").startsWith("Unauthorized: missing Authorization header."));
            chromium.navigate(page + "?access_token=dash-key");
            awaitText(chromium, "status", "live");
            awaitText(chromium, "conn-sse", "1");
        }
    }

    private static void awaitText(HeadlessChromium chromium, String id, String expected)
    {
        String[] last = {""};
        Await.until("#" + id + " shows " + expected + " (last: " + last[0] + ")", WAIT, () ->
        {
            last[0] = chromium.text(id);
            return last[0].equals(expected);
        });
    }
}
