// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.holdfast.testing.Await;
import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Held streams whose clients (small receive buffers) read nothing until more has been published
 * than their sockets hold, with queue bounds too large to disconnect them: chunks
 * written straight to the connection (see {@code ConnectionWrites}) then complete later, with more
 * queued behind them. Every client must still get every byte, in order.
 */
class SlowReaderStreamIT
{
    private static final int STREAMS = 2;
    // 4.8 MB for each client: more than the server's socket takes (its send buffer grows to 4 MB here).
    private static final int ITEMS = 300;
    private static final String PAD = "x".repeat(16_000);

    @Test
    void aClientThatFallsBehindGetsEveryByteInOrder() throws Exception
    {
        try (FakeOrigin origin = new FakeOrigin();
             HoldfastServer holdfast = HoldfastServer.start(Map.of("holdfast.routes", "* 127.0.0.1:" + origin.port(),
                 "holdfast.subscriber.queue.messages", "100000", "holdfast.subscriber.queue.bytes", "100000000")))
        {
            origin.on("/stream", 200, "", "Content-Type", "text/plain", "Grip-Hold", "stream", "Grip-Channel", "slow");
            List<RawHttp> clients = new ArrayList<>();
            try
            {
                for (int i = 0; i < STREAMS; i++)
                {
                    RawHttp client = new RawHttp(holdfast.port(), 20_000, 8192).get("/stream");
                    clients.add(client);
                    assertEquals(200, client.readHead().status());
                }
                Await.until("the streams are held", Duration.ofSeconds(10), () -> holdfast.hub().subscriberCount("slow") == STREAMS);
                Publisher publisher = new Publisher(holdfast.controlPort());
                for (int i = 0; i < ITEMS; i++)
                    publisher.publish(Publisher.items(Publisher.streamItem("slow", item(i))));
                StringBuilder expected = new StringBuilder();
                for (int i = 0; i < ITEMS; i++)
                    expected.append(item(i));
                // Items that queued up for a client go out together, several to a chunk (each chunk whole).
                for (RawHttp client : clients)
                    assertEquals(expected.toString(), client.readChunkedBytes(expected.length()));
            }
            finally
            {
                for (RawHttp client : clients)
                    client.close();
            }
        }
    }

    private static String item(int i)
    {
        return String.format("%03d%s\n", i, PAD);
    }
}
