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

    @Override
    protected void doPost(HttpServletRequest publisherRequest, HttpServletResponse publisherResponse) throws IOException
    {
        byte[] body = publisherRequest.getInputStream().readAllBytes();
        if (StreamSink.anyHeld())
            BenchItems.scan(new String(body, StandardCharsets.UTF_8), StreamSink::publish);
        publisherResponse.setContentType("text/plain");
        publisherResponse.setContentLength(PUBLISHED.length);
        publisherResponse.getOutputStream().write(PUBLISHED);
    }
}
