// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.format.GripFormatException;
import io.holdfast.instruct.ChannelSpec;
import io.holdfast.instruct.GripInstruction;
import io.holdfast.instruct.GripInstructionParser;
import io.holdfast.instruct.ResponseSpec;
import io.holdfast.transport.http.HeldResponse;
import io.holdfast.transport.http.HeldStream;
import io.holdfast.transport.http.HoldEnvironment;
import io.holdfast.transport.http.Recovery;
import io.holdfast.transport.http.Responses;
import io.holdfast.transport.http.Subscriptions;

/**
 * Turns a captured GRIP origin response into what the client gets (GRIP §3): an immediate
 * response, a held long-poll or a held stream, subscribed to the instruction's channels (with the
 * route's {@code prefix}, at most {@code connection_subscription_max} of them). Invalid
 * instructions get Pushpin's 502. Thread-safe.
 */
final class GripAcceptor
{
    private static final Logger LOG = LoggerFactory.getLogger(GripAcceptor.class);

    private final HoldEnvironment holds;
    private final int subscriptionMax;
    private final ErrorResponses errors;
    private final ProxyLog log;
    private final OriginRetry retry;
    private final LinkFetcher links;

    GripAcceptor(HoldEnvironment holds, int subscriptionMax, ErrorResponses errors, ProxyLog log, OriginRetry retry,
                 LinkFetcher links)
    {
        this.holds = holds;
        this.subscriptionMax = subscriptionMax;
        this.errors = errors;
        this.log = log;
        this.retry = retry;
        this.links = links;
    }

    /** Answers from a response held in memory, GRIP or not (the test origin, a retry). */
    void deliver(ProxyExchange exchange, OriginCapture capture, boolean isRetry)
    {
        if (!exchange.route.options().noGrip() && GripInstructionParser.isGrip(capture.headers()))
        {
            accept(exchange, capture, isRetry);
            return;
        }
        ResponseSpec plain = new ResponseSpec(capture.status(), capture.reason(), capture.headers(), capture.body());
        Responses.send(exchange.async, plain);
        log.answered(exchange, capture.status(), capture.bodySize(), isRetry);
    }

    void accept(ProxyExchange exchange, OriginCapture capture, boolean isRetry)
    {
        GripInstruction instruction;
        try
        {
            instruction = GripInstructionParser.parse(capture.status(), capture.reason(), capture.headers(), capture.body());
        }
        catch (GripFormatException e)
        {
            errors.badGateway(exchange, "Failed to parse accept instructions: " + e.getMessage());
            return;
        }
        if (exchange.body.tooLargeToRetain())
        {
            // A held request may have to be re-sent to the origin, so it must fit in memory.
            errors.plain(exchange, 400, "Request too large to accept GRIP instruct.");
            return;
        }
        ChannelNames names = new ChannelNames(exchange.route.options().prefix(), subscriptionMax);
        List<ChannelSpec> channels = names.toProxy(instruction.channels());
        Map<String, String> meta = instruction.meta();
        try
        {
            switch (instruction.hold())
            {
                case NONE ->
                {
                    if (instruction.nextLink().isEmpty())
                    {
                        Responses.send(exchange.async, instruction.response());
                        log.answered(exchange, instruction.response().code(), instruction.response().body().length, isRetry);
                        return;
                    }
                    // A link without a hold: the response starts a stream the link's pages are appended to.
                    openStream(exchange, instruction, List.of(), names, true, isRetry);
                }
                case RESPONSE ->
                {
                    HeldResponse held = HeldResponse.open(holds, exchange.async, instruction.response(),
                        new Subscriptions(channels, meta, recovery(exchange, names), !isRetry, exchange.predecessor),
                        instruction.timeoutSeconds());
                    exchange.held = held;
                    exchange.clientEnd.track(held::clientLeft);
                }
                case STREAM ->
                {
                    Map<String, String> prevIds = prevIds(channels);
                    if (!prevIds.isEmpty() && instruction.nextLink().isEmpty())
                    {
                        // Held only when history will catch it up: without a next link, a gap has no other remedy.
                        holds.hub().historyHas(prevIds).whenComplete((caughtUp, failure) ->
                        {
                            if (failure != null)
                                LOG.warn("history of {} not read, so not held: {}", prevIds.keySet(), failure.toString());
                            holdCaughtUp(exchange, instruction, channels, names, isRetry, Boolean.TRUE.equals(caughtUp));
                        });
                        return;
                    }
                    openStream(exchange, instruction, channels, names, false, isRetry);
                }
            }
        }
        catch (IOException | IllegalStateException e)
        {
            LOG.debug("client gone while accepting", e);
            return;
        }
        log.accepted(exchange, isRetry);
    }

    private static Map<String, String> prevIds(List<ChannelSpec> channels)
    {
        Map<String, String> prevIds = new LinkedHashMap<>();
        for (ChannelSpec channel : channels)
            channel.prevId().ifPresent(id -> prevIds.put(channel.name(), id));
        return prevIds;
    }

    private void holdCaughtUp(ProxyExchange exchange, GripInstruction instruction, List<ChannelSpec> channels,
                              ChannelNames names, boolean isRetry, boolean caughtUp)
    {
        try
        {
            if (!caughtUp)
            {
                answerWithoutLink(exchange, instruction, names, channels);
                return;
            }
            openStream(exchange, instruction, channels, names, false, isRetry);
            log.accepted(exchange, isRetry);
        }
        catch (IOException | IllegalStateException e)
        {
            LOG.debug("client gone while accepting", e);
        }
    }

    // Pushpin answers with the response and holds nothing: a prev-id gap could never be recovered
    // without a next link. Debug routes get the reason appended.
    private void answerWithoutLink(ProxyExchange exchange, GripInstruction instruction, ChannelNames names,
                                   List<ChannelSpec> channels)
    {
        ChannelSpec needsLink = channels.stream().filter(c -> c.prevId().isPresent()).findFirst().orElseThrow();
        String error = "channel '" + names.toOrigin(needsLink.name()) + "' specifies prev-id, but no next link found";
        ResponseSpec start = instruction.response();
        byte[] body = start.body();
        if (exchange.debug(errors.globalDebug()))
            body = concat(body, ("\n\n" + error + "\n").getBytes(StandardCharsets.UTF_8));
        Responses.send(exchange.async, new ResponseSpec(start.code(), start.reason(), start.headers(), body));
        log.error(exchange, start.code(), error);
    }

    /** Holds a stream, following its next link when it has one. */
    private void openStream(ProxyExchange exchange, GripInstruction instruction, List<ChannelSpec> channels,
                            ChannelNames names, boolean fetchNow, boolean isRetry)
        throws IOException
    {
        StreamLinks streamLinks = instruction.nextLink()
            .map(link -> new StreamLinks(exchange, links, names, holds.clock(), link, exchange.debug(errors.globalDebug())))
            .orElse(null);
        Subscriptions subscriptions = new Subscriptions(channels, instruction.meta(),
            streamLinks == null ? Recovery.NONE : streamLinks, !isRetry, exchange.predecessor);
        HeldStream stream = HeldStream.open(holds, exchange.async, instruction.response(), subscriptions, instruction.keepAlive());
        exchange.clientEnd.track(stream::clientLeft);
        if (streamLinks != null)
            streamLinks.attach(stream, fetchNow);
    }

    private Recovery recovery(ProxyExchange exchange, ChannelNames names)
    {
        return lastIds -> retry.retry(exchange, names.toOrigin(lastIds));
    }

    private static byte[] concat(byte[] a, byte[] b)
    {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
