// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.nio.ByteBuffer;
import java.util.function.BiConsumer;

import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;

/**
 * Collects an origin's whole answer, up to the size a stream's first body may have, for requests
 * the proxy makes on its own (retries, next links). {@code done} gets the capture, or null and
 * the failure. Used by one request at a time.
 */
final class OriginCollector implements Response.Listener
{
    private final BiConsumer<OriginCapture, Throwable> done;
    private OriginCapture capture;

    OriginCollector(BiConsumer<OriginCapture, Throwable> done)
    {
        this.done = done;
    }

    @Override
    public void onHeaders(Response response)
    {
        capture = new OriginCapture(response.getStatus(), response.getReason(), OriginCapture.fields(response.getHeaders()),
            GripProxyServlet.STREAM_START_LIMIT);
    }

    @Override
    public void onContent(Response response, ByteBuffer content)
    {
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        if (!capture.append(bytes, 0, bytes.length))
            response.abort(new ExchangeFailures.InstructTooLarge());
    }

    @Override
    public void onComplete(Result result)
    {
        if (result.isSucceeded())
            done.accept(capture, null);
        else
            done.accept(null, result.getFailure());
    }
}
