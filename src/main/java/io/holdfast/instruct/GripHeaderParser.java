// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.HeaderField;

/**
 * Reads the {@code Grip-*} header instructions of an origin response (pushpin-spec §3.2) into a
 * draft. Checks run in Pushpin's order (Hold, Channel, Timeout, Keep-Alive, Set-Meta, Status,
 * Link) so the first error reported is the one Pushpin reports. Pure and thread-safe.
 */
final class GripHeaderParser
{
    static final int DEFAULT_LINK_TIMEOUT = 120;

    private GripHeaderParser()
    {
    }

    static InstructDraft parse(int status, Optional<String> reason, List<HeaderField> headers, byte[] body)
        throws GripFormatException
    {
        InstructDraft d = new InstructDraft(status, reason, clientHeaders(headers), body);
        d.hold = hold(headers);
        d.channels.addAll(channels(headers));
        d.timeout = timeout(headers);
        d.keepAlive = KeepAliveHeaderParser.parse(headers);
        meta(headers, d.meta);
        status(headers, d);
        d.nextLink = nextLink(headers);
        return d;
    }

    private static HoldMode hold(List<HeaderField> headers) throws GripFormatException
    {
        Optional<String> value = HeaderValues.first(headers, "Grip-Hold").map(HeaderValues::trim);
        if (value.isEmpty())
        {
            return HoldMode.NONE;
        }
        return switch (value.get())
        {
            case "response" -> HoldMode.RESPONSE;
            case "stream" -> HoldMode.STREAM;
            default -> throw new GripFormatException("Grip-Hold must be set to either 'response' or 'stream'");
        };
    }

    /**
     * Every item of every Grip-Channel header. An empty item (e.g. {@code a, , b}) is a channel
     * named "" as in Pushpin, and a value-less {@code filter} parameter is the filter "".
     */
    private static List<ChannelSpec> channels(List<HeaderField> headers)
    {
        List<ChannelSpec> out = new ArrayList<>();
        for (HeaderItem item : HeaderValues.items(headers, "Grip-Channel"))
        {
            // Pushpin matches "filter" case-sensitively but "prev-id" in any case.
            List<String> filters = item.params().stream()
                .filter(p -> p.name().equals("filter"))
                .map(p -> p.value().orElse(""))
                .toList();
            out.add(new ChannelSpec(item.value(), item.param("prev-id"), filters));
        }
        return out;
    }

    private static OptionalInt timeout(List<HeaderField> headers) throws GripFormatException
    {
        Optional<String> value = HeaderValues.first(headers, "Grip-Timeout");
        if (value.isEmpty())
        {
            return OptionalInt.empty();
        }
        OptionalInt t = HeaderValues.parseInt(value.get());
        if (t.isEmpty())
        {
            throw new GripFormatException("failed to parse Grip-Timeout");
        }
        if (t.getAsInt() < 0)
        {
            throw new GripFormatException("Grip-Timeout has invalid value");
        }
        return t;
    }

    /** {@code Grip-Set-Meta: k=v, k2="v, 2"}: the first pair of each item; later keys win. */
    private static void meta(List<HeaderField> headers, Map<String, String> meta) throws GripFormatException
    {
        for (String part : HeaderValues.splitAll(headers, "Grip-Set-Meta"))
        {
            Optional<List<HeaderParam>> params = HeaderValues.parseParams(part);
            if (params.isEmpty())
            {
                continue;
            }
            if (params.get().isEmpty())
            {
                throw new GripFormatException("Grip-Set-Meta cannot be empty");
            }
            HeaderParam first = params.get().get(0);
            meta.put(first.name(), first.value().orElse(""));
        }
    }

    /** {@code Grip-Status: <code>[ <reason>]} replaces the origin's status line; empty is ignored. */
    private static void status(List<HeaderField> headers, InstructDraft d) throws GripFormatException
    {
        String value = HeaderValues.first(headers, "Grip-Status").map(HeaderValues::trim).orElse("");
        if (value.isEmpty())
        {
            return;
        }
        int space = value.indexOf(' ');
        OptionalInt code = HeaderValues.parseInt(space == -1 ? value : value.substring(0, space));
        if (code.isEmpty() || code.getAsInt() < 0 || code.getAsInt() > 999)
        {
            throw new GripFormatException("Grip-Status contains invalid status code");
        }
        d.code = code.getAsInt();
        // Only the first space separates: "404  Two" keeps the reason " Two", as Pushpin does.
        d.reason = InstructDraft.nonEmpty(Optional.of(space == -1 ? "" : value.substring(space + 1)));
    }

    /**
     * The last {@code rel=next} Grip-Link. Items without parameters or with another rel are
     * skipped unvalidated, as Pushpin 1.36 does.
     */
    private static Optional<NextLink> nextLink(List<HeaderField> headers) throws GripFormatException
    {
        Optional<NextLink> next = Optional.empty();
        for (HeaderItem item : HeaderValues.items(headers, "Grip-Link"))
        {
            if (item.params().isEmpty() || !item.param("rel").orElse("").equals("next"))
            {
                continue;
            }
            String link = item.value();
            if (link.length() <= 2 || link.charAt(0) != '<' || link.charAt(link.length() - 1) != '>')
            {
                throw new GripFormatException("failed to parse Grip-Link value");
            }
            Optional<URI> uri = LinkUris.parse(link.substring(1, link.length() - 1));
            if (uri.isEmpty())
            {
                throw new GripFormatException("Grip-Link contains invalid link");
            }
            int timeout = DEFAULT_LINK_TIMEOUT;
            if (item.has("timeout"))
            {
                OptionalInt t = item.param("timeout").map(HeaderValues::parseInt).orElse(OptionalInt.empty());
                if (t.isEmpty())
                {
                    throw new GripFormatException("failed to parse Grip-Link timeout value");
                }
                if (t.getAsInt() < 0)
                {
                    throw new GripFormatException("Grip-Link timeout has invalid value");
                }
                timeout = t.getAsInt();
            }
            next = Optional.of(new NextLink(uri.get(), timeout));
        }
        return next;
    }

    /**
     * The origin headers the client may see: no {@code Grip-*}, and when Grip-Expose-Headers is
     * present only the headers it names (any case).
     */
    private static List<HeaderField> clientHeaders(List<HeaderField> headers)
    {
        List<String> expose = HeaderValues.splitAll(headers, "Grip-Expose-Headers");
        return headers.stream()
            .filter(h -> !isGripHeader(h.name()))
            .filter(h -> expose.isEmpty() || expose.stream().anyMatch(h::is))
            .toList();
    }

    static boolean isGripHeader(String name)
    {
        return name.regionMatches(true, 0, "Grip-", 0, 5);
    }
}
