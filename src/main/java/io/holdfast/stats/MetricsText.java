// SPDX-License-Identifier: Apache-2.0
package io.holdfast.stats;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.holdfast.format.item.FormatKind;
import io.holdfast.net.ListenerLoad;

/**
 * {@code GET /metrics} on the control port: the hub's state and counters in the Prometheus text
 * exposition format (version 0.0.4). Pushpin exposes a handful of counters; Holdfast adds the
 * slow-client and refusal counts and the publish-to-delivery latency. Stateless.
 */
public final class MetricsText
{
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsText()
    {
    }

    /** @param channels channels with at least one subscriber */
    public static String render(HubMetrics metrics, HubActivity activity, int channels, Optional<ListenerLoad> listener)
    {
        StringBuilder out = new StringBuilder();
        Map<ConnectionType, Integer> connections = activity.connectionCounts();
        family(out, "holdfast_connections", "gauge", "Client connections held, by transport.");
        connections.forEach((type, n) -> sample(out, "holdfast_connections{transport=\"" + label(type.name()) + "\"}", n));
        family(out, "holdfast_subscriptions", "gauge", "Subscriptions (a subscriber on a channel), by kind.");
        activity.subscriptionCounts().forEach((transport, n) ->
            sample(out, "holdfast_subscriptions{kind=\"" + kind(transport) + "\"}", n));
        family(out, "holdfast_channels", "gauge", "Channels with at least one subscriber.");
        sample(out, "holdfast_channels", channels);
        family(out, "holdfast_messages_received_total", "counter", "Items received for publishing.");
        sample(out, "holdfast_messages_received_total", metrics.received());
        family(out, "holdfast_messages_delivered_total", "counter", "Items handed to subscribers, by kind.");
        for (FormatKind transport : FormatKind.values())
            sample(out, "holdfast_messages_delivered_total{kind=\"" + kind(transport) + "\"}", metrics.delivered(transport));
        family(out, "holdfast_slow_subscribers_closed_total", "counter", "Subscribers disconnected for falling behind.");
        sample(out, "holdfast_slow_subscribers_closed_total", metrics.slowClosed());
        family(out, "holdfast_publishes_refused_total", "counter", "Publish batches refused with 503.");
        sample(out, "holdfast_publishes_refused_total", metrics.refused());
        family(out, "holdfast_origin_errors_total", "counter",
            "Requests answered 502 or 504 because the origin failed or sent unusable instructions.");
        sample(out, "holdfast_origin_errors_total", metrics.originErrors());
        family(out, "holdfast_control_unauthorized_total", "counter",
            "Control API requests refused with 401 (holdfast.publish.key).");
        sample(out, "holdfast_control_unauthorized_total", metrics.unauthorized());
        family(out, "holdfast_queued_bytes", "gauge", "Bytes queued for clients that have not read them yet.");
        sample(out, "holdfast_queued_bytes", metrics.budget().queued());
        metrics.brokerState().ifPresent(state -> broker(out, state, metrics.brokerPublishFailures()));
        latency(out, metrics.latency());
        listener.ifPresent(load -> listener(out, load));
        return out.toString();
    }

    private static void broker(StringBuilder out, String state, long failures)
    {
        family(out, "holdfast_broker_up", "gauge", "1 while the broker (holdfast.redis.uri) is reachable, else 0.");
        sample(out, "holdfast_broker_up", "UP".equals(state) ? 1 : 0);
        family(out, "holdfast_broker_publish_failures_total", "counter",
            "Items from ZeroMQ or command inputs that the broker did not take, so reached no one.");
        sample(out, "holdfast_broker_publish_failures_total", failures);
    }

    private static void listener(StringBuilder out, ListenerLoad load)
    {
        family(out, "holdfast_client_connections_limit", "gauge",
            "Client connections let in at once (holdfast.client.maxconn); 0 is no limit.");
        sample(out, "holdfast_client_connections_limit", load.limit());
        family(out, "holdfast_client_connections_open", "gauge", "Client connections open on the client listener.");
        sample(out, "holdfast_client_connections_open", load.open());
        family(out, "holdfast_client_connections_limit_reached_total", "counter",
            "Times the limit was reached and new connections were left waiting in the accept queue.");
        sample(out, "holdfast_client_connections_limit_reached_total", load.limitReached());
    }

    private static void latency(StringBuilder out, LatencyHistogram histogram)
    {
        String name = "holdfast_publish_delivery_latency_seconds";
        family(out, name, "histogram", "From the start of a publish to the bytes reaching a subscriber's socket.");
        double[] bounds = histogram.bounds();
        long[] counts = histogram.cumulativeCounts();
        for (int i = 0; i < bounds.length; i++)
            sample(out, name + "_bucket{le=\"" + bounds[i] + "\"}", counts[i]);
        sample(out, name + "_bucket{le=\"+Inf\"}", counts[counts.length - 1]);
        out.append(name).append("_sum ").append(String.format(Locale.ROOT, "%.6f", histogram.sumSeconds())).append('\n');
        sample(out, name + "_count", histogram.count());
    }

    private static void family(StringBuilder out, String name, String type, String help)
    {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String series, long value)
    {
        out.append(series).append(' ').append(value).append('\n');
    }

    /** The {@code kind} label of a subscription of {@code transport}: response, stream or ws. */
    public static String kind(FormatKind transport)
    {
        return switch (transport)
        {
            case HTTP_RESPONSE -> "response";
            case HTTP_STREAM -> "stream";
            case WS_MESSAGE -> "ws";
        };
    }

    private static String label(String name)
    {
        return name.toLowerCase(Locale.ROOT);
    }
}
