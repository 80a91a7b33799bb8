// SPDX-License-Identifier: Apache-2.0
package io.holdfast.dashboard;

import java.util.Comparator;
import java.util.Map;
import java.util.PriorityQueue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.holdfast.format.item.FormatKind;
import io.holdfast.hub.ChannelHub;
import io.holdfast.stats.HubActivity;
import io.holdfast.stats.HubMetrics;
import io.holdfast.stats.LatencyHistogram;
import io.holdfast.stats.MetricsText;

/**
 * One second of the dashboard: what is connected, the busiest channels, the rates since the last
 * snapshot and the counters, as one JSON object. Rates need the previous snapshot's totals, so one
 * instance makes the snapshots in turn; not thread-safe.
 */
final class DashboardSnapshot
{
    static final int BUSIEST = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChannelHub hub;
    private final HubActivity activity;
    private final HubMetrics metrics;
    private long lastMillis;
    private long lastReceived;
    private long lastDelivered;
    private long lastOriginErrors;

    DashboardSnapshot(ChannelHub hub, HubActivity activity, HubMetrics metrics)
    {
        this.hub = hub;
        this.activity = activity;
        this.metrics = metrics;
    }

    /** The snapshot at {@code nowMillis} (wall clock, shown on the page) as JSON. */
    String take(long nowMillis)
    {
        ObjectNode out = JSON.createObjectNode();
        out.put("time", nowMillis);
        ObjectNode connections = out.putObject("connections");
        activity.connectionKindCounts().forEach((kind, n) -> connections.put(kind.label(), n));
        ObjectNode subscriptions = out.putObject("subscriptions");
        activity.subscriptionCounts().forEach((transport, n) -> subscriptions.put(MetricsText.kind(transport), n));
        out.put("channels", hub.channelCount());
        busiest(out.putArray("busiest"));
        long received = metrics.received();
        long delivered = 0;
        for (FormatKind transport : FormatKind.values())
            delivered += metrics.delivered(transport);
        long originErrors = metrics.originErrors();
        double seconds = lastMillis == 0 ? 0 : Math.max(1, nowMillis - lastMillis) / 1000.0;
        out.put("published", received);
        out.put("delivered", delivered);
        out.put("publishedPerSecond", rate(received - lastReceived, seconds));
        out.put("deliveredPerSecond", rate(delivered - lastDelivered, seconds));
        out.put("originErrors", originErrors);
        out.put("originErrorsPerSecond", rate(originErrors - lastOriginErrors, seconds));
        out.put("slowClientsClosed", metrics.slowClosed());
        out.put("publishesRefused", metrics.refused());
        out.put("unauthorized", metrics.unauthorized());
        out.put("queuedBytes", metrics.budget().queued());
        latency(out.putObject("latency"), metrics.latency());
        metrics.brokerState().ifPresentOrElse(state -> out.put("broker", state), () -> out.putNull("broker"));
        lastMillis = nowMillis;
        lastReceived = received;
        lastDelivered = delivered;
        lastOriginErrors = originErrors;
        return out.toString();
    }

    // The first snapshot has nothing to compare with: no rate yet.
    private static double rate(long change, double seconds)
    {
        return seconds == 0 ? 0 : Math.round(change / seconds * 10) / 10.0;
    }

    private void busiest(ArrayNode out)
    {
        PriorityQueue<Map.Entry<String, Integer>> top = new PriorityQueue<>(Map.Entry.comparingByValue());
        for (String channel : hub.activeChannels())
        {
            top.add(Map.entry(channel, hub.subscriberCount(channel)));
            if (top.size() > BUSIEST)
                top.poll();
        }
        top.stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
            .forEach(entry -> out.addObject().put("channel", entry.getKey()).put("subscribers", entry.getValue()));
    }

    // Per bucket, not cumulative as Prometheus has it: what a bar chart draws.
    private static void latency(ObjectNode out, LatencyHistogram histogram)
    {
        double[] bounds = histogram.bounds();
        long[] cumulative = histogram.cumulativeCounts();
        ArrayNode buckets = out.putArray("buckets");
        long below = 0;
        for (int i = 0; i < cumulative.length; i++)
        {
            ObjectNode bucket = buckets.addObject();
            bucket.put("le", i < bounds.length ? Double.toString(bounds[i]) : "+Inf");
            bucket.put("count", cumulative[i] - below);
            below = cumulative[i];
        }
        out.put("count", histogram.count());
    }
}
