// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

import io.holdfast.format.HeaderField;

/**
 * The connection meta of a WebSocket-over-HTTP connection (GRIP §7.4): an origin sets values with
 * {@code Set-Meta-Name: value} response headers (empty deletes) and gets them back as
 * {@code Meta-Name} on every later request. Also knows which headers of the origin's first
 * response reach the client's 101. Not thread-safe: the leg guards it.
 */
final class WsOverHttpMeta
{
    private static final String SET_META = "set-meta-";
    /**
     * Headers of the OPEN response that describe the HTTP exchange, not the WebSocket (the
     * upgrade leaves out the handshake's own headers, such as the extension answer).
     */
    private static final Set<String> NOT_FOR_CLIENT = Set.of("content-length", "content-type", "keep-alive-interval",
        "connection", "keep-alive", "transfer-encoding");

    private final Map<String, String> values = new LinkedHashMap<>();

    void apply(List<HeaderField> responseHeaders)
    {
        for (HeaderField header : responseHeaders)
        {
            if (!header.name().toLowerCase(Locale.ROOT).startsWith(SET_META))
                continue;
            String name = header.name().substring(SET_META.length());
            if (header.value().isEmpty())
                values.remove(name);
            else
                values.put(name, header.value());
        }
    }

    void addTo(HttpFields.Mutable requestHeaders)
    {
        values.forEach((name, value) -> requestHeaders.put("Meta-" + name, value));
    }

    static List<HeaderField> fields(HttpFields fields)
    {
        List<HeaderField> list = new ArrayList<>(fields.size());
        for (HttpField field : fields)
            list.add(new HeaderField(field.getName(), field.getValue()));
        return list;
    }

    static List<HeaderField> passedToClient(List<HeaderField> openResponseHeaders)
    {
        List<HeaderField> passed = new ArrayList<>();
        for (HeaderField header : openResponseHeaders)
        {
            String lower = header.name().toLowerCase(Locale.ROOT);
            if (!NOT_FOR_CLIENT.contains(lower) && !lower.startsWith(SET_META))
                passed.add(header);
        }
        return passed;
    }
}
