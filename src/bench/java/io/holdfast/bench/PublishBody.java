// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A pre-encoded {@code POST /publish/} request (head and JSON body), with the offsets of its
 * latency markers so a publisher can stamp them in place just before sending. Immutable.
 */
record PublishBody(byte[] bytes, int[] stampOffsets, int items)
{
    /** SSE-shaped content (50 bytes) with a marker. */
    static final String STREAM_CONTENT = "event: m\\ndata: " + Stamp.PLACEHOLDER + " 0123456789ab\\n\\n";

    static String streamItem(String channel)
    {
        return "{\"channel\":\"" + channel + "\",\"formats\":{\"http-stream\":{\"content\":\"" + STREAM_CONTENT + "\"}}}";
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

    static PublishBody of(List<String> items)
    {
        String body = "{\"items\":[" + String.join(",", items) + "]}";
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        // As a pooled client (urllib3, Node's fetch) asks: Holdfast then keeps the connection.
        String head = "POST /publish/ HTTP/1.1\r\nHost: bench\r\nConnection: keep-alive\r\n"
            + "Content-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[headBytes.length + json.length];
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        System.arraycopy(json, 0, bytes, headBytes.length, json.length);
        List<Integer> offsets = new ArrayList<>();
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        for (int at = all.indexOf(Stamp.PLACEHOLDER); at >= 0; at = all.indexOf(Stamp.PLACEHOLDER, at + 1))
            offsets.add(at);
        return new PublishBody(bytes, offsets.stream().mapToInt(Integer::intValue).toArray(), items.size());
    }

    static PublishBody of(String item)
    {
        return of(List.of(item));
    }
}
