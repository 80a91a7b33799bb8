// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.item.FormatKind;
import io.holdfast.format.item.HttpResponseFormat;
import io.holdfast.hub.Delivery;
import io.holdfast.instruct.ResponseSpec;
import io.holdfast.stats.ConnectionKind;
import io.holdfast.transport.ResponseHeads;
import io.holdfast.transport.ResponseKind;

/**
 * A held long-poll ({@code Grip-Hold: response}): nothing is sent until the first published
 * {@code http-response} (merged onto the held response), the timeout (the held response itself) or
 * a recovery that refetches from the origin. Exactly one of these wins. The timeout runs on the
 * proxy's shared timer. Thread-safe.
 */
public final class HeldResponse extends HeldSubscriber
{
    private final AsyncContext async;
    private final ResponseSpec timeoutResponse;
    private final AtomicBoolean settled = new AtomicBoolean();
    private final AtomicBoolean recovering = new AtomicBoolean();
    private final ClientOutput output;
    private volatile ScheduledFuture<?> timeout;

    private HeldResponse(HoldEnvironment env, AsyncContext async, ResponseSpec timeoutResponse, Subscriptions subscriptions)
    {
        super(env, async.getRequest(), subscriptions, ConnectionKind.LONG_POLL);
        this.async = async;
        this.timeoutResponse = timeoutResponse;
        this.output = new ClientOutput(async, 2, Long.MAX_VALUE, env.metrics(), null, env.departures(), this::settle);
    }

    public static HeldResponse open(HoldEnvironment env, AsyncContext async, ResponseSpec timeoutResponse,
                                    Subscriptions subscriptions, int timeoutSeconds)
    {
        HeldResponse held = new HeldResponse(env, async, timeoutResponse, subscriptions);
        held.subscribeAll();
        held.timeout = env.timer().schedule(() -> held.respond(timeoutResponse), timeoutSeconds, TimeUnit.SECONDS);
        return held;
    }

    /** Its client has gone (see {@link ClientOutput#clientLeft()}): the hold ends. Idempotent. */
    public void clientLeft()
    {
        output.clientLeft();
    }

    @Override
    public FormatKind takes()
    {
        return FormatKind.HTTP_RESPONSE;
    }

    @Override
    public void deliver(Delivery delivery)
    {
        HttpResponseFormat format = delivery.item().httpResponse().orElseThrow();
        switch (format.action())
        {
            case SEND ->
            {
                try
                {
                    respond(ResponseMerge.merge(timeoutResponse, format));
                }
                catch (GripFormatException e)
                {
                    respond(Responses.text(502, "Error while proxying to origin.\n"));
                }
            }
            case HINT -> recover();
            case CLOSE ->
            {
                // Pushpin ignores close for long-polls: publishing ends the request anyway.
            }
        }
    }

    /**
     * Asks the origin again, staying subscribed meanwhile: a publish that arrives first still
     * answers the client, and the origin's answer is then dropped ({@link #takeOver}). Pushpin
     * unsubscribes first, so a publish during the retry is lost.
     */
    @Override
    public void recover()
    {
        if (!settled.get() && recovering.compareAndSet(false, true))
            refetch(lastIds());
    }

    /**
     * Ends this hold without answering, for the origin's answer to a retry to take its place;
     * false when the client was already answered (by a publish or the timeout). Until
     * {@link #release}, what is published to its channels waits for the hold that answer opens
     * (subscribed with this one as its {@link Subscriptions#predecessor}).
     */
    public boolean takeOver()
    {
        // Paused before it stops answering: an item published in between must wait, not be dropped.
        pauseAll();
        return stopAnswering();
    }

    /** After {@link #takeOver}: leaves what no successor took, dropping what waited there. */
    public void release()
    {
        unsubscribeAll();
    }

    /** Sends {@code response} and ends the request, unless something else already answered. */
    public void respond(ResponseSpec response)
    {
        if (!settle())
            return;
        try
        {
            ResponseSpec sent = ResponseHeads.apply(async.getRequest(), output.response(), response, ResponseKind.HELD);
            output.offer(sent.body());
            output.finish();
            output.start();
        }
        catch (IOException | IllegalStateException e)
        {
            output.abort();
        }
    }

    /** Ends the hold: unsubscribed, timer cancelled; true only for the first caller. */
    private boolean settle()
    {
        if (!stopAnswering())
            return false;
        unsubscribeAll();
        return true;
    }

    // True only for the first caller: nothing else answers the client, and the timeout is cancelled.
    private boolean stopAnswering()
    {
        if (!settled.compareAndSet(false, true))
            return false;
        ScheduledFuture<?> timer = timeout;
        if (timer != null)
            timer.cancel(false);
        return true;
    }
}
