// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.AsyncContext;

import io.holdfast.format.HeaderField;
import io.holdfast.instruct.ResponseSpec;
import io.holdfast.stats.HubMetrics;
import io.holdfast.transport.ResponseHeads;
import io.holdfast.transport.ResponseKind;

/**
 * One-shot responses on a suspended request: the whole response is queued and written without
 * blocking, then the request completes. Used for answers that are not holds (errors, GRIP responses
 * without a hold). Stateless.
 */
public final class Responses
{
    private Responses()
    {
    }

    /** Sends {@code spec} with a {@code Content-Length} and completes the request. */
    public static void send(AsyncContext async, ResponseSpec spec)
    {
        ClientOutput output = new ClientOutput(async, 2, Long.MAX_VALUE, HubMetrics.detached(), null, null, () ->
        {
        });
        try
        {
            ResponseSpec sent = ResponseHeads.apply(async.getRequest(), output.response(), spec, ResponseKind.ONE_SHOT);
            output.offer(sent.body());
            output.finish();
            output.start();
        }
        catch (IOException | IllegalStateException e)
        {
            output.abort();
        }
    }

    /** A {@code text/plain} response as Pushpin sends its own errors. */
    public static ResponseSpec text(int code, String body)
    {
        return new ResponseSpec(code, Optional.empty(), List.of(new HeaderField("Content-Type", "text/plain")),
            body.getBytes(StandardCharsets.UTF_8));
    }
}
