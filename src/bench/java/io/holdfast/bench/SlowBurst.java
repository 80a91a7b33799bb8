// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Issue 14's slow consumer: bursts of one-item publishes of 10 kB to one channel, as fast as they
 * are answered, alternately with one subscriber that stops reading (a 4 kB receive buffer, nothing
 * read after the response head) and with none. Reports the proxy's RSS growth during each burst;
 * the rounds without a subscriber show what the burst itself costs, so the difference is what the
 * slow client costs. Blocking sockets: the slow client must not read, which the loop would.
 */
final class SlowBurst
{
    private static final int CONTENT_BYTES = 10_000;

    private final Loop loop;
    private final Proxy proxy;
    private final Consumer<String> log;

    SlowBurst(Loop loop, Proxy proxy, Consumer<String> log)
    {
        this.loop = loop;
        this.proxy = proxy;
        this.log = log;
    }

    Map<String, Double> run(int rounds, int messages) throws IOException
    {
        String channel = "slowburst";
        String item = "{\"channel\":\"" + channel + "\",\"formats\":{\"http-stream\":{\"content\":\""
            + "x".repeat(CONTENT_BYTES - 1) + "\\n\"}}}";
        PublishBody body = PublishBody.of(item);
        List<Double> slow = new ArrayList<>();
        List<Double> none = new ArrayList<>();
        double first = 0;
        long failed = 0;
        for (int round = 1; round <= rounds; round++)
        {
            boolean withSlow = round % 2 == 1;
            try (Socket subscriber = withSlow ? slowSubscriber(channel) : null)
            {
                long before = proxy.rssKb();
                long[] peak = {before};
                Publishing burst = Publishing.start(loop, proxy.control, 1, messages, 0, 0, i -> body);
                Waits.until(120_000, () ->
                {
                    peak[0] = Math.max(peak[0], proxy.rssKb());
                    return loop.call(() -> burst.finishedPublishers == 1);
                });
                peak[0] = Math.max(peak[0], proxy.rssKb());
                failed += loop.call(() -> burst.failed);
                double grew = (peak[0] - before) / 1024.0;
                (withSlow ? slow : none).add(grew);
                if (round == 1)
                    first = grew;
                log.accept(String.format(Locale.ROOT, "  slowburst round %d (%s): RSS %.0f -> peak %.0f MB (+%.1f)", round,
                    withSlow ? "slow subscriber" : "no subscriber", before / 1024.0, peak[0] / 1024.0, grew));
            }
            Waits.sleep(3000);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("slowburst.first", first);
        out.put("slowburst.slow", median(slow.subList(1, slow.size())));
        out.put("slowburst.none", median(none));
        out.put("slowburst.errors", (double)failed);
        return out;
    }

    /** A stream subscriber that reads its response head and then nothing, with a 4 kB receive buffer. */
    private Socket slowSubscriber(String channel) throws IOException
    {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(proxy.http, 5000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(StandardCharsets.US_ASCII.decode(StreamGroup.streamRequest(channel)).toString()
            .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        // The head is written once the subscription is made: after it, publishes reach this client.
        String head = "";
        while (!head.contains("\r\n\r\n"))
        {
            int b = in.read();
            if (b < 0)
                throw new IOException("the slow subscriber's stream ended: " + head);
            head += (char)b;
        }
        return socket;
    }

    private static double median(List<Double> values)
    {
        if (values.isEmpty())
            return 0;
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
