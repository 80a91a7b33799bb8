// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.holdfast.format.HeaderField;

/**
 * Writes a parsed item back as a GRIP JSON item that {@link PublishItemParser} reads into an equal
 * item: bytes travel as {@code -bin} base64, headers as a list of pairs (order kept), every default
 * spelled out. Used to forward items between Holdfast instances. Pure and thread-safe.
 */
public final class PublishItemWriter
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PublishItemWriter()
    {
    }

    /** The item as compact UTF-8 JSON. */
    public static byte[] toJson(PublishItem item)
    {
        ObjectNode out = NODES.objectNode();
        out.put("channel", item.channel());
        item.id().ifPresent(id -> out.put("id", id));
        item.prevId().ifPresent(prevId -> out.put("prev-id", prevId));
        if (!item.meta().isEmpty())
        {
            ObjectNode meta = out.putObject("meta");
            item.meta().forEach(meta::put);
        }
        if (item.noSeq())
            out.put("no-seq", true);
        ObjectNode formats = out.putObject("formats");
        item.httpResponse().ifPresent(f -> formats.set("http-response", httpResponse(f)));
        item.httpStream().ifPresent(f -> formats.set("http-stream", httpStream(f)));
        item.wsMessage().ifPresent(f -> formats.set("ws-message", wsMessage(f)));
        try
        {
            return MAPPER.writeValueAsBytes(out);
        }
        catch (JsonProcessingException e)
        {
            // a tree of plain nodes always serialises
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode httpResponse(HttpResponseFormat f)
    {
        ObjectNode out = action(f);
        if (f.action() != Action.SEND)
            return out;
        out.put("code", f.code());
        f.reason().ifPresent(reason -> out.put("reason", reason));
        ArrayNode headers = out.putArray("headers");
        for (HeaderField header : f.headers())
            headers.addArray().add(header.name()).add(header.value());
        if (f.bodyPatch().isPresent())
            out.set("body-patch", f.bodyPatch().get().deepCopy());
        else
            out.put("body-bin", base64(f.body()));
        filters(out, f.contentFilters());
        return out;
    }

    private static ObjectNode httpStream(HttpStreamFormat f)
    {
        ObjectNode out = action(f);
        if (f.action() == Action.SEND)
        {
            out.put("content-bin", base64(f.content()));
            filters(out, f.contentFilters());
        }
        return out;
    }

    private static ObjectNode wsMessage(WsMessageFormat f)
    {
        ObjectNode out = action(f);
        if (f.action() == Action.SEND)
        {
            out.put("type", f.type().name().toLowerCase(Locale.ROOT));
            out.put("content-bin", base64(f.content()));
            filters(out, f.contentFilters());
        }
        else if (f.action() == Action.CLOSE)
        {
            f.closeCode().ifPresent(code -> out.put("code", code));
            f.closeReason().ifPresent(reason -> out.put("reason", reason));
        }
        return out;
    }

    private static ObjectNode action(PublishFormat f)
    {
        ObjectNode out = NODES.objectNode();
        out.put("action", f.action().name().toLowerCase(Locale.ROOT));
        return out;
    }

    private static void filters(ObjectNode out, List<String> filters)
    {
        if (!filters.isEmpty())
            filters.forEach(out.putArray("content-filters")::add);
    }

    private static String base64(byte[] bytes)
    {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
