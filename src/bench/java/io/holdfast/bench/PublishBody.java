// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One publish as a proxy takes it, pre-encoded: for a GRIP proxy one {@code POST /publish/} (head
 * and JSON body) carrying every item; for a proxy without a multi-item API (nchan) one raw request
 * per item, sent one after the other on the same connection. Each request keeps the offsets of its
 * latency markers so a publisher can stamp them in place just before sending. Immutable.
 */
record PublishBody(List<Request> requests, int items)
{
    /** SSE-shaped content (50 bytes) with a marker, as it reaches a subscriber. */
    static final String STREAM_TEXT = "event: m\ndata: " + Stamp.PLACEHOLDER + " 0123456789ab\n\n";
    /** {@link #STREAM_TEXT} as a JSON string's content. */
    static final String STREAM_CONTENT = STREAM_TEXT.replace("\n", "\\n");

    /** One HTTP request and where its markers are. */
    record Request(byte[] bytes, int[] stampOffsets)
    {
        static Request of(String head, byte[] body)
        {
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] bytes = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
            System.arraycopy(body, 0, bytes, headBytes.length, body.length);
            List<Integer> offsets = new ArrayList<>();
            String all = new String(bytes, StandardCharsets.ISO_8859_1);
            for (int at = all.indexOf(Stamp.PLACEHOLDER); at >= 0; at = all.indexOf(Stamp.PLACEHOLDER, at + 1))
                offsets.add(at);
            return new Request(bytes, offsets.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    static String streamItem(String channel)
    {
        return "{\"channel\":\"" + channel + "\",\"formats\":{\"http-stream\":{\"content\":\"" + STREAM_CONTENT + "\"}}}";
    }

    /** As {@link #streamItem(String)} with an {@code id} and, unless null, a {@code prev-id}: history can replay it. */
    static String streamItem(String channel, String id, String prevId)
    {
        return "{\"channel\":\"" + channel + "\",\"id\":\"" + id + "\","
            + (prevId == null ? "" : "\"prev-id\":\"" + prevId + "\",")
            + "\"formats\":{\"http-stream\":{\"content\":\"" + STREAM_CONTENT + "\"}}}";
    }

    static String responseItem(String channel)
    {
        return "{\"channel\":\"" + channel + "\",\"formats\":{\"http-response\":{\"headers\":{\"Content-Type\":\"text/plain\"},"
            + "\"body\":\"" + Stamp.PLACEHOLDER + "\\n\"}}}";
    }

    static String closeItem(String channel)
    {
        return "{\"channel\":\"" + channel + "\",\"formats\":{\"http-stream\":{\"action\":\"close\"}}}";
    }

    /** GRIP items (JSON) in one {@code POST /publish/}. */
    static PublishBody of(List<String> items)
    {
        byte[] json = ("{\"items\":[" + String.join(",", items) + "]}").getBytes(StandardCharsets.UTF_8);
        // As a pooled client (urllib3, Node's fetch) asks: Holdfast then keeps the connection.
        String head = "POST /publish/ HTTP/1.1\r\nHost: bench\r\nConnection: keep-alive\r\n"
            + "Content-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n";
        return new PublishBody(List.of(Request.of(head, json)), items.size());
    }

    static PublishBody of(String item)
    {
        return of(List.of(item));
    }

    /**
     * One raw request per channel: {@code method path+channel} with {@code content} as its body
     * (none when null), as a client of a publish API without JSON items sends them.
     */
    static PublishBody raw(String method, String path, List<String> channels, String content)
    {
        byte[] body = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
        List<Request> requests = new ArrayList<>();
        for (String channel : channels)
        {
            String head = method + " " + path + channel + " HTTP/1.1\r\nHost: bench\r\nConnection: keep-alive\r\n"
                + (content == null ? "" : "Content-Type: text/plain\r\n") + "Content-Length: " + body.length + "\r\n\r\n";
            requests.add(Request.of(head, body));
        }
        return new PublishBody(List.copyOf(requests), channels.size());
    }
}
