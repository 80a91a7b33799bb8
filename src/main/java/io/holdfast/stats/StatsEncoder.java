// SPDX-License-Identifier: Apache-2.0
package io.holdfast.stats;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.holdfast.format.item.FormatKind;
import io.holdfast.format.tnetstring.TnetStringCodec;
import io.holdfast.format.tnetstring.TnetValue;

/**
 * Pushpin's stats messages (GRIP §10.2, statspacket.cpp in 1.36): {@code <type> T<tnetstring dict>}
 * for {@code conn}, {@code sub}, {@code message} and {@code report}, each with {@code from}, with the
 * fields and TTLs Pushpin 1.36 sends. Pure and thread-safe.
 */
public final class StatsEncoder
{
    /** Seconds a {@code conn} entry lives unless refreshed (Pushpin's {@code stats_connection_ttl}). */
    public static final int CONNECTION_TTL = 120;
    /** Seconds a {@code sub} entry lives unless refreshed (Pushpin's {@code stats_subscription_ttl}). */
    public static final int SUBSCRIPTION_TTL = 60;

    private final TnetValue from;

    public StatsEncoder(String from)
    {
        this.from = TnetValue.text(from);
    }

    public byte[] encode(HubEvent event)
    {
        Map<String, TnetValue> fields = new LinkedHashMap<>();
        fields.put("from", from);
        String type;
        if (event instanceof HubEvent.Connected c)
        {
            type = "conn";
            fields.put("id", TnetValue.text(c.id()));
            fields.put("type", TnetValue.text(c.type() == ConnectionType.WS ? "ws" : "http"));
            fields.put("peer-address", TnetValue.text(c.peerAddress()));
            if (c.ssl())
                fields.put("ssl", new TnetValue.Bool(true));
            fields.put("ttl", number(CONNECTION_TTL));
        }
        else if (event instanceof HubEvent.Disconnected d)
        {
            type = "conn";
            fields.put("id", TnetValue.text(d.id()));
            fields.put("unavailable", new TnetValue.Bool(true));
        }
        else if (event instanceof HubEvent.Subscribed s)
        {
            type = "sub";
            fields.put("mode", TnetValue.text(mode(s.mode())));
            fields.put("channel", TnetValue.text(s.channel()));
            fields.put("ttl", number(SUBSCRIPTION_TTL));
            fields.put("subscribers", number(s.subscribers()));
        }
        else if (event instanceof HubEvent.Unsubscribed u)
        {
            type = "sub";
            fields.put("mode", TnetValue.text(mode(u.mode())));
            fields.put("channel", TnetValue.text(u.channel()));
            fields.put("unavailable", new TnetValue.Bool(true));
        }
        else
        {
            HubEvent.Delivered m = (HubEvent.Delivered)event;
            type = "message";
            fields.put("channel", TnetValue.text(m.channel()));
            m.itemId().ifPresent(id -> fields.put("item-id", TnetValue.text(id)));
            fields.put("count", number(m.count()));
            fields.put("transport", TnetValue.text(transport(m.transport())));
        }
        return message(type, fields);
    }

    /** A {@code report}; Pushpin 1.36's byte and message counters of the proxy side are not reported. */
    public byte[] encode(HubReport report)
    {
        Map<String, TnetValue> fields = new LinkedHashMap<>();
        fields.put("from", from);
        fields.put("connections", number(report.connections()));
        fields.put("minutes", number(report.minutes()));
        fields.put("received", number(report.received()));
        fields.put("sent", number(report.sent()));
        fields.put("http-response-sent", number(report.httpResponseSent()));
        fields.put("duration", number(report.durationMillis()));
        return message("report", fields);
    }

    private static byte[] message(String type, Map<String, TnetValue> fields)
    {
        byte[] prefix = (type + " T").getBytes(StandardCharsets.US_ASCII);
        byte[] body = TnetStringCodec.encode(new TnetValue.Dict(fields));
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    private static TnetValue number(long value)
    {
        return new TnetValue.Int(value);
    }

    /** Subscription modes as Pushpin names them. */
    static String mode(FormatKind transport)
    {
        return switch (transport)
        {
            case HTTP_RESPONSE -> "response";
            case HTTP_STREAM -> "stream";
            case WS_MESSAGE -> "ws";
        };
    }

    /** Item formats as Pushpin names them. */
    static String transport(FormatKind transport)
    {
        return switch (transport)
        {
            case HTTP_RESPONSE -> "http-response";
            case HTTP_STREAM -> "http-stream";
            case WS_MESSAGE -> "ws-message";
        };
    }
}
