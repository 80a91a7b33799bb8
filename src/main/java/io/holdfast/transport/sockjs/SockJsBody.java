// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * Reads a SockJS request's body without blocking, up to Pushpin's limit of 100 KB: a client that
 * sends more is answered {@code 400 Request too large.} and one that trickles its body ties up no
 * thread. The body goes to {@code onBody} on a container thread. Not thread-safe: the container
 * calls it one event at a time.
 */
final class SockJsBody implements ReadListener
{
    static final int MAX_BODY = 100_000;

    private final AsyncContext async;
    private final ServletInputStream in;
    private final Consumer<String> onBody;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[8192];
    private boolean failed;

    private SockJsBody(AsyncContext async, ServletInputStream in, Consumer<String> onBody)
    {
        this.async = async;
        this.in = in;
        this.onBody = onBody;
    }

    /** Reads the body of {@code async}'s request, then hands it (UTF-8 text, "" for none) on. */
    static void read(AsyncContext async, Consumer<String> onBody) throws IOException
    {
        if (async.getRequest().getContentLengthLong() > MAX_BODY)
        {
            SockJsReplies.text(async, 400, "Request too large.");
            return;
        }
        ServletInputStream in = async.getRequest().getInputStream();
        in.setReadListener(new SockJsBody(async, in, onBody));
    }

    @Override
    public void onDataAvailable() throws IOException
    {
        while (!failed && in.isReady() && !in.isFinished())
        {
            int n = in.read(buffer);
            if (n < 0)
                return;
            body.write(buffer, 0, n);
            if (body.size() > MAX_BODY)
            {
                failed = true;
                SockJsReplies.text(async, 400, "Request too large.");
            }
        }
    }

    @Override
    public void onAllDataRead()
    {
        if (!failed)
            onBody.accept(body.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void onError(Throwable failure)
    {
        failed = true;
        try
        {
            async.complete();
        }
        catch (IllegalStateException ignored)
        {
            // already completed
        }
    }
}
