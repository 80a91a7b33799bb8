// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.holdfast.testing.Await;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.streamItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a publisher can trust: every subscriber gets every item, in order, once; and when Holdfast
 * cannot take more it says so (503) instead of dropping items.
 */
class DeliveryGuaranteeIT
{
    private static final int MESSAGES = 5_000;
    private static final int SUBSCRIBERS = 50;
    private static final int BATCH = 50;

    @Test
    void fiveThousandSequencedItemsReachFiftySubscribersInOrderOnce() throws Exception
    {
        try (HoldfastServer holdfast = HoldfastServer.start(Map.of()))
        {
            ExecutorService readers = Executors.newFixedThreadPool(SUBSCRIBERS);
            List<RawHttp> clients = new ArrayList<>();
            List<Future<String>> verdicts = new ArrayList<>();
            try
            {
                for (int i = 0; i < SUBSCRIBERS; i++)
                {
                    RawHttp client = new RawHttp(holdfast.port(), 30_000);
                    client.get("/stream?channel=seq").readHead();
                    client.readChunkedBytes("[stream opened]\n".length());
                    clients.add(client);
                    verdicts.add(readers.submit(() -> verify(client)));
                }
                Await.until("all subscribed", Duration.ofSeconds(10), () -> holdfast.hub().subscriberCount("seq") == SUBSCRIBERS);
                Publisher publisher = new Publisher(holdfast.controlPort());
                for (int first = 1; first <= MESSAGES; first += BATCH)
                {
                    String[] batch = new String[BATCH];
                    for (int i = 0; i < BATCH; i++)
                        batch[i] = sequenced(first + i);
                    publisher.publish(items(batch));
                }
                for (Future<String> verdict : verdicts)
                    assertEquals("ok", verdict.get(60, TimeUnit.SECONDS));
                assertEquals((long)MESSAGES * SUBSCRIBERS,
                    holdfast.metrics().delivered(io.holdfast.format.item.FormatKind.HTTP_STREAM));
            }
            finally
            {
                readers.shutdownNow();
                for (RawHttp client : clients)
                    client.close();
            }
        }
    }

    @Test
    void aFullQueueBudgetRefusesWholeBatchesWith503UntilClientsCatchUp() throws Exception
    {
        try (HoldfastServer holdfast = HoldfastServer.start(Map.of("holdfast.queue.budget", "200000"));
             RawHttp reader = new RawHttp(holdfast.port(), 10_000))
        {
            reader.get("/stream?channel=b").readHead();
            reader.readChunkedBytes("[stream opened]\n".length());
            Socket stalled = new Socket(InetAddress.getLoopbackAddress(), holdfast.port());
            stalled.setReceiveBufferSize(4096);
            stalled.getOutputStream().write("GET /stream?channel=b HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Await.until("both subscribed", Duration.ofSeconds(5), () -> holdfast.hub().subscriberCount("b") == 2);
            Publisher publisher = new Publisher(holdfast.controlPort());
            String payload = "y".repeat(20_000) + "\n";
            int accepted = 0;
            var response = publisher.post("/publish/", items(streamItem("b", accepted + ":" + payload)));
            while (response.statusCode() == 200)
            {
                String message = accepted + ":" + payload;
                assertEquals(message, reader.readChunkedBytes(message.length()));
                accepted++;
                assertTrue(accepted < 500, "the stalled client's backlog should exhaust the budget");
                response = publisher.post("/publish/", items(streamItem("b", accepted + ":" + payload)));
            }
            assertEquals(503, response.statusCode());
            assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
            assertEquals("Too much data is queued for slow clients. Retry later.\n", response.body());
            assertTrue(holdfast.metrics().refused() >= 1);

            stalled.close();
            Await.until("the budget frees up", Duration.ofSeconds(10), () ->
            {
                try
                {
                    return publisher.post("/publish/", items(streamItem("b", "after\n"))).statusCode() == 200;
                }
                catch (IOException | InterruptedException e)
                {
                    throw new AssertionError(e);
                }
            });
            assertEquals("after\n", reader.readChunkedBytes(6), "the refused item was never published");
        }
    }

    /** Reads this client's stream and checks items 1..N arrive in order, each once. */
    private static String verify(RawHttp client) throws IOException
    {
        StringBuilder pending = new StringBuilder();
        int expected = 1;
        while (expected <= MESSAGES)
        {
            pending.append(client.readChunk());
            int newline;
            while ((newline = pending.indexOf("\n")) >= 0)
            {
                String line = pending.substring(0, newline);
                pending.delete(0, newline + 1);
                int seq = Integer.parseInt(line.substring(0, line.indexOf(':')));
                if (seq != expected)
                    return "expected " + expected + " but got " + seq;
                expected++;
            }
        }
        return "ok";
    }

    /** A 100-byte item {@code n} that follows {@code n - 1}. */
    private static String sequenced(int n)
    {
        String line = n + ":";
        String content = line + "z".repeat(99 - line.length()) + "\n";
        return "{\"channel\":\"seq\",\"id\":\"" + n + "\"" + (n > 1 ? ",\"prev-id\":\"" + (n - 1) + "\"" : "")
            + ",\"formats\":{\"http-stream\":{\"content\":\"" + content.replace("\n", "\\n") + "\"}}}";
    }
}
