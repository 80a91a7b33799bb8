// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.holdfast.testing.Await;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.WsRecorder;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.streamItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics} on the control port moves as connections come, publishes go out and clients leave. */
class MetricsIT
{
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void metricsFollowWhatHappens() throws Exception
    {
        try (HoldfastServer holdfast = HoldfastServer.start(Map.of()))
        {
            String before = metrics(holdfast);
            assertTrue(before.contains("# TYPE holdfast_connections gauge\n"), before);
            assertEquals(0, value(before, "holdfast_connections{transport=\"http\"}"));
            assertEquals(0, value(before, "holdfast_messages_received_total"));

            try (RawHttp stream = new RawHttp(holdfast.port()); WsRecorder ws = WsRecorder.connect(holdfast.port(), "/ws?channel=m"))
            {
                stream.get("/stream?channel=m").readHead();
                Await.until("both subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("m") == 2);
                new Publisher(holdfast.controlPort()).publish(items(streamItem("m", "one\n"),
                    "{\"channel\":\"m\",\"formats\":{\"ws-message\":{\"content\":\"one\"}}}"));
                stream.readChunkedBytes("[stream opened]\none\n".length());
                ws.assertText("one");
                // A WebSocket delivery is counted when the container reports the send complete,
                // which can be just after the client has the frame.
                // Generous: on a machine busy with other work the completion can lag by seconds.
                try
                {
                    Await.until("both deliveries counted", Duration.ofSeconds(20), () ->
                        value(metrics(holdfast), "holdfast_publish_delivery_latency_seconds_count") >= 2);
                }
                catch (AssertionError e)
                {
                    throw new AssertionError(e.getMessage() + "; the metrics then:\n" + metrics(holdfast), e);
                }

                String during = metrics(holdfast);
                assertEquals(1, value(during, "holdfast_connections{transport=\"http\"}"));
                assertEquals(1, value(during, "holdfast_connections{transport=\"ws\"}"));
                assertEquals(1, value(during, "holdfast_subscriptions{kind=\"stream\"}"));
                assertEquals(1, value(during, "holdfast_subscriptions{kind=\"ws\"}"));
                assertEquals(1, value(during, "holdfast_channels"));
                assertEquals(2, value(during, "holdfast_messages_received_total"));
                assertEquals(1, value(during, "holdfast_messages_delivered_total{kind=\"stream\"}"));
                assertEquals(1, value(during, "holdfast_messages_delivered_total{kind=\"ws\"}"));
                assertEquals(2, value(during, "holdfast_publish_delivery_latency_seconds_count"));
                assertEquals(2, value(during, "holdfast_publish_delivery_latency_seconds_bucket{le=\"+Inf\"}"));
            }
            Await.until("connections gone", Duration.ofSeconds(10), () ->
                value(metrics(holdfast), "holdfast_connections{transport=\"ws\"}") == 0);
        }
    }

    private static String metrics(HoldfastServer holdfast)
    {
        try
        {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + holdfast.controlPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElse(null));
            return response.body();
        }
        catch (Exception e)
        {
            throw new AssertionError(e);
        }
    }

    private static long value(String metrics, String series)
    {
        for (String line : metrics.split("\n"))
        {
            if (line.startsWith(series + " "))
                return Long.parseLong(line.substring(series.length() + 1).trim());
        }
        throw new AssertionError("no " + series + " in\n" + metrics);
    }
}
