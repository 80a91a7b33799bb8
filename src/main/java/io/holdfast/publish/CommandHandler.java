// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.item.ItemEncoding;
import io.holdfast.format.item.PublishItem;
import io.holdfast.format.item.PublishRequestParser;
import io.holdfast.format.tnetstring.TnetJson;
import io.holdfast.format.tnetstring.TnetStringCodec;
import io.holdfast.format.tnetstring.TnetValue;
import io.holdfast.hub.ChannelHub;
import io.holdfast.hub.Refreshables;

/**
 * Answers the command socket's requests (GRIP §6.4, Pushpin's ZRPC): a tnetstring dict
 * {@code {id, method, args}} in, {@code {id, success: true, value}} or
 * {@code {id, success: false, condition[, value]}} out, with Pushpin 1.36's methods, conditions and
 * messages. Runs on the command socket's thread; touches the hub only through thread-safe calls.
 */
public final class CommandHandler
{
    private final PublishGateway gateway;
    private final Runnable recover;
    private final Predicate<String> connected;
    private final Supplier<Map<String, String>> uris;
    private final ChannelHub hub;
    private final Refreshables refreshables;

    /**
     * @param recover what {@code recover} does (as {@code POST /recover})
     * @param connected whether a connection id is held here ({@code conncheck})
     * @param uris the {@code get-zmq-uris} answer: {@code command}, {@code publish-pull}, {@code publish-sub}
     */
    public CommandHandler(PublishGateway gateway, Runnable recover, Predicate<String> connected,
                   Supplier<Map<String, String>> uris, ChannelHub hub, Refreshables refreshables)
    {
        this.hub = hub;
        this.refreshables = refreshables;
        this.gateway = gateway;
        this.recover = recover;
        this.connected = connected;
        this.uris = uris;
    }

    /**
     * The reply to one request; a request that is not a readable ZRPC packet throws, with the text
     * Pushpin logs for it (then reply {@link #badFormat()}).
     */
    public byte[] handle(byte[] request) throws GripFormatException
    {
        TnetValue packet;
        try
        {
            packet = TnetStringCodec.decode(request, 0);
        }
        catch (GripFormatException e)
        {
            throw new GripFormatException("received message with invalid format (tnetstring parse failed: "
                + e.getMessage() + ")");
        }
        if (!(packet instanceof TnetValue.Dict dict) || !wellFormed(dict))
            throw new GripFormatException("received message with invalid format (parse failed)");
        Optional<TnetValue> id = dict.get("id");
        Optional<TnetValue> method = dict.get("method");
        Optional<TnetValue> args = dict.get("args");
        TnetValue.Dict arguments = (TnetValue.Dict)args.orElse(TnetValue.dict());
        return switch (((TnetValue.Bytes)method.get()).text())
        {
            case "get-zmq-uris" -> success(id, zmqUris());
            case "recover" ->
            {
                recover.run();
                yield success(id, new TnetValue.Null());
            }
            case "conncheck" -> conncheck(id, arguments);
            case "refresh" -> refresh(id, arguments);
            case "publish" -> publish(id, arguments);
            default -> reply(id, false, "method-not-found", Optional.empty());
        };
    }

    /**
     * The reply to a request that could not be read. Pushpin drops such a request and its client
     * waits forever; a REP socket must answer, so it gets {@code success: false, condition: "bad-format"}.
     */
    public static byte[] badFormat()
    {
        return reply(Optional.empty(), false, "bad-format", Optional.empty());
    }

    // ZRPC: method a byte string; id, when present, a byte string; args, when present, a dict
    private static boolean wellFormed(TnetValue.Dict packet)
    {
        return packet.get("id").map(v -> v instanceof TnetValue.Bytes).orElse(true)
            && packet.get("method").map(v -> v instanceof TnetValue.Bytes).orElse(false)
            && packet.get("args").map(v -> v instanceof TnetValue.Dict).orElse(true);
    }

    private TnetValue zmqUris()
    {
        Map<String, TnetValue> out = new LinkedHashMap<>();
        uris.get().forEach((key, uri) -> out.put(key, TnetValue.text(uri)));
        return new TnetValue.Dict(out);
    }

    /** The ids among {@code ids} that are still connected here. */
    private byte[] conncheck(Optional<TnetValue> id, TnetValue.Dict args)
    {
        if (!(args.get("ids").orElse(null) instanceof TnetValue.Array ids))
            return reply(id, false, "bad-request", Optional.empty());
        Set<String> asked = new LinkedHashSet<>();
        for (TnetValue value : ids.values())
        {
            if (!(value instanceof TnetValue.Bytes cid))
                return reply(id, false, "bad-request", Optional.empty());
            asked.add(cid.text());
        }
        List<TnetValue> found = new ArrayList<>();
        for (String cid : asked)
        {
            if (connected.test(cid))
                found.add(TnetValue.text(cid));
        }
        return success(id, new TnetValue.Array(found));
    }

    /**
     * Refresh asks WebSocket-over-HTTP sessions to call their origin now: one by its connection id
     * (the {@code Connection-Id} the origin sees), or every one subscribed to a channel. Other
     * connections have nothing to refresh; an unknown id is {@code item-not-found}, as in Pushpin.
     */
    private byte[] refresh(Optional<TnetValue> id, TnetValue.Dict args)
    {
        if (args.get("cid").isPresent())
        {
            if (!(args.get("cid").get() instanceof TnetValue.Bytes cid))
                return reply(id, false, "bad-request", Optional.empty());
            return refreshables.refresh(cid.text())
                ? success(id, new TnetValue.Null())
                : reply(id, false, "item-not-found", Optional.empty());
        }
        if (args.get("channel").isPresent())
        {
            if (!(args.get("channel").get() instanceof TnetValue.Bytes channel))
                return reply(id, false, "bad-request", Optional.empty());
            hub.refreshChannel(channel.text());
            return success(id, new TnetValue.Null());
        }
        return reply(id, false, "bad-request", Optional.empty());
    }

    private byte[] publish(Optional<TnetValue> id, TnetValue.Dict args)
    {
        List<PublishItem> items;
        try
        {
            items = PublishRequestParser.parseItems(TnetJson.toJson(args), ItemEncoding.TNETSTRING);
        }
        catch (GripFormatException e)
        {
            return reply(id, false, "bad-request", Optional.of(TnetValue.text(e.getMessage())));
        }
        for (PublishItem item : items)
            gateway.publish(item, PublishGateway.Source.COMMAND);
        return success(id, new TnetValue.Null());
    }

    private static byte[] success(Optional<TnetValue> id, TnetValue value)
    {
        return reply(id, true, "", Optional.of(value));
    }

    private static byte[] reply(Optional<TnetValue> id, boolean success, String condition, Optional<TnetValue> value)
    {
        Map<String, TnetValue> out = new LinkedHashMap<>();
        id.ifPresent(v -> out.put("id", v));
        out.put("success", new TnetValue.Bool(success));
        if (!success)
            out.put("condition", TnetValue.text(condition));
        value.ifPresent(v -> out.put("value", v));
        return TnetStringCodec.encode(new TnetValue.Dict(out));
    }
}
