// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench.floor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The bare-Jetty target's stand-in for the publish API: reads the POST body and answers as
 * Holdfast does ({@code 200}, {@code Published}). Only while {@link StreamSink} holds streams does
 * it look into the body, for each item's channel and http-stream content (or close), with a
 * scan that knows nothing but the benchmark's own items. What it sustains is what the servlet
 * container alone costs per publish request. Stateless and thread-safe.
 */
public final class PublishSink extends HttpServlet
{
    private static final byte[] PUBLISHED = "Published\n".getBytes(StandardCharsets.US_ASCII);
    private static final String CHANNEL = "\"channel\":\"";
    private static final String CONTENT = "\"content\":\"";

    @Override
    protected void doPost(HttpServletRequest publisherRequest, HttpServletResponse publisherResponse) throws IOException
    {
        byte[] body = publisherRequest.getInputStream().readAllBytes();
        if (StreamSink.anyHeld())
            deliver(new String(body, StandardCharsets.UTF_8));
        publisherResponse.setContentType("text/plain");
        publisherResponse.setContentLength(PUBLISHED.length);
        publisherResponse.getOutputStream().write(PUBLISHED);
    }

    // Items as PublishBody writes them: channel first, then content (or "action":"close").
    private static void deliver(String json)
    {
        for (int at = json.indexOf(CHANNEL), next; at >= 0; at = next)
        {
            int start = at + CHANNEL.length();
            String channel = json.substring(start, json.indexOf('"', start));
            next = json.indexOf(CHANNEL, start);
            int content = json.indexOf(CONTENT, start);
            boolean ownContent = content >= 0 && (next < 0 || content < next);
            StreamSink.publish(channel, ownContent ? unescape(json, content + CONTENT.length()) : null);
        }
    }

    /** The JSON string starting at {@code from} (just past its quote), with \n, \" and \\ undone. */
    private static byte[] unescape(String json, int from)
    {
        StringBuilder text = new StringBuilder();
        for (int i = from; json.charAt(i) != '"'; i++)
        {
            char c = json.charAt(i);
            if (c == '\\')
            {
                c = json.charAt(++i);
                text.append(c == 'n' ? '\n' : c);
            }
            else
                text.append(c);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
