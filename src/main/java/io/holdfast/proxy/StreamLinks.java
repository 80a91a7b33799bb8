// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.format.GripFormatException;
import io.holdfast.instruct.ChannelSpec;
import io.holdfast.instruct.GripInstruction;
import io.holdfast.instruct.GripInstructionParser;
import io.holdfast.instruct.HoldMode;
import io.holdfast.instruct.NextLink;
import io.holdfast.transport.HoldClock;
import io.holdfast.transport.http.HeldStream;
import io.holdfast.transport.http.Recovery;

/**
 * A held stream's next link (GRIP §9.2): fetched when the stream has been quiet for the link's
 * timeout, when it missed items (a prev-id gap, a {@code hint}, a recover) and at once after a
 * response that has a link but no hold (paginated streaming). The answer's body is appended; its
 * instructions may replace the channels, keep-alive and link. A failed fetch is retried after 1,
 * 2, 4, 8 and 16 s, then the stream ends. Fetches for one stream never overlap. Thread-safe.
 */
final class StreamLinks implements Recovery
{
    private static final Logger LOG = LoggerFactory.getLogger(StreamLinks.class);
    private static final long[] RETRY_SECONDS = {1, 2, 4, 8, 16};

    private final ProxyExchange exchange;
    private final LinkFetcher fetcher;
    private final ChannelNames names;
    private final HoldClock clock;
    private final boolean debug;
    private volatile Optional<NextLink> link;
    private volatile HeldStream stream;
    private ScheduledFuture<?> idleTimer;
    private boolean fetching;
    private boolean again;
    private boolean missedBeforeAttach;

    StreamLinks(ProxyExchange exchange, LinkFetcher fetcher, ChannelNames names, HoldClock clock,
                NextLink link, boolean debug)
    {
        this.exchange = exchange;
        this.fetcher = fetcher;
        this.names = names;
        this.clock = clock;
        this.link = Optional.of(link);
        this.debug = debug;
    }

    /**
     * The stream is open: start the quiet-period timer, or fetch at once (no hold: paginated, or a
     * reason to fetch came while the stream was being opened).
     */
    void attach(HeldStream held, boolean fetchNow)
    {
        boolean missed;
        synchronized (this)
        {
            this.stream = held;
            missed = missedBeforeAttach;
        }
        if (fetchNow || missed)
            fetch(held.channelLastIds(), 0);
        else
            scheduleIdle();
    }

    @Override
    public void refetch(Map<String, String> lastIds)
    {
        fetch(lastIds, 0);
    }

    private void fetch(Map<String, String> lastIds, int attempt)
    {
        Optional<NextLink> current = link;
        HeldStream held;
        synchronized (this)
        {
            held = stream;
            // The stream subscribes before it is attached: a gap or hint in between is kept for attach().
            if (held == null)
            {
                missedBeforeAttach = true;
                return;
            }
        }
        if (current.isEmpty() || held.isClosed())
            return;
        synchronized (this)
        {
            // Concurrent reasons to fetch collapse into one more fetch after the one under way.
            if (fetching && attempt == 0)
            {
                again = true;
                return;
            }
            fetching = true;
            cancelIdle();
        }
        URI base = URI.create(exchange.clientRequest.getRequestURL().toString());
        URI target = base.resolve(current.get().uri());
        fetcher.fetch(exchange, target, names.toOrigin(lastIds), (capture, failure) ->
        {
            if (failure != null)
                retryOrEnd(lastIds, attempt, failure.toString());
            else if (capture.status() / 100 != 2)
                retryOrEnd(lastIds, attempt, "next link answered " + capture.status());
            else
                answered(capture);
        });
    }

    private void answered(OriginCapture capture)
    {
        HeldStream held = stream;
        boolean fetchAgain;
        if (GripInstructionParser.isGrip(capture.headers()))
        {
            GripInstruction instruction;
            try
            {
                instruction = GripInstructionParser.parse(capture.status(), capture.reason(), capture.headers(), capture.body());
            }
            catch (GripFormatException e)
            {
                end(held, "Failed to parse next link instructions: " + e.getMessage());
                return;
            }
            if (instruction.hold() == HoldMode.RESPONSE)
            {
                end(held, "Next link returned non-stream hold.");
                return;
            }
            link = instruction.nextLink();
            if (instruction.hold() == HoldMode.STREAM)
            {
                List<ChannelSpec> channels = names.toProxy(instruction.channels());
                held.continueWith(instruction.response().body(), channels, instruction.keepAlive());
            }
            else
            {
                held.send(instruction.response().body());
                if (link.isEmpty())
                {
                    held.finish();
                    return;
                }
            }
            fetchAgain = instruction.hold() == HoldMode.NONE;
        }
        else
        {
            // A plain answer is the last page.
            held.send(capture.body());
            held.finish();
            return;
        }
        boolean pending;
        synchronized (this)
        {
            fetching = false;
            pending = again;
            again = false;
        }
        if (fetchAgain || pending)
            fetch(held.channelLastIds(), 0);
        else
            scheduleIdle();
    }

    private void retryOrEnd(Map<String, String> lastIds, int attempt, String why)
    {
        HeldStream held = stream;
        if (attempt < RETRY_SECONDS.length)
        {
            long delay = RETRY_SECONDS[attempt] * 1000 + (long)(Math.random() * 1000);
            LOG.debug("next link failed ({}), retrying in {} ms", why, delay);
            clock.timer().schedule(() -> fetch(lastIds, attempt + 1), delay, TimeUnit.MILLISECONDS);
            return;
        }
        LOG.info("{} next link failed: {}", exchange.describe(), why);
        end(held, "Failed to retrieve next link.");
    }

    private void end(HeldStream held, String error)
    {
        synchronized (this)
        {
            fetching = false;
            link = Optional.empty();
        }
        if (debug)
            held.send(("\n\n" + error + "\n").getBytes(StandardCharsets.UTF_8));
        held.finish();
    }

    // The stream fetches after being quiet for the link's timeout; a delivery moves the deadline.
    private void scheduleIdle()
    {
        Optional<NextLink> current = link;
        if (current.isEmpty())
            return;
        long timeoutNanos = TimeUnit.SECONDS.toNanos(current.get().timeoutSeconds());
        long quiet = clock.nanoTime() - stream.lastDeliveryNanos();
        long delay = Math.max(0, timeoutNanos - quiet);
        synchronized (this)
        {
            cancelIdle();
            idleTimer = clock.timer().schedule(this::idleCheck, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void idleCheck()
    {
        Optional<NextLink> current = link;
        HeldStream held = stream;
        if (current.isEmpty() || held.isClosed())
            return;
        long quiet = clock.nanoTime() - held.lastDeliveryNanos();
        if (quiet >= TimeUnit.SECONDS.toNanos(current.get().timeoutSeconds()))
            fetch(held.channelLastIds(), 0);
        else
            scheduleIdle();
    }

    // Called with the monitor held.
    private void cancelIdle()
    {
        if (idleTimer != null)
            idleTimer.cancel(false);
        idleTimer = null;
    }
}
