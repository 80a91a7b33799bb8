// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.holdfast.format.HeaderField;

/**
 * Pushpin's Auto Cross-Origin headers (GRIP §8.1): added to any response a client gets, each only
 * when the response does not set it already, so a backend that does its own CORS keeps control.
 * Preflights are not answered here: they reach the origin like any request. Stateless.
 */
public final class CorsHeaders
{
    static final String DEFAULT_METHODS = "OPTIONS, HEAD, GET, POST, PUT, DELETE";

    /** Headers a browser lets scripts read anyway (CORS-safelisted response headers). */
    private static final Set<String> SIMPLE = Set.of("cache-control", "content-language", "content-length",
        "content-type", "expires", "last-modified", "pragma");

    /** Connection-level headers: never part of what the client sees from the origin. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
        "trailer", "upgrade");

    private CorsHeaders()
    {
    }

    /** {@code response} followed by the CORS headers it lacks. */
    public static List<HeaderField> apply(CorsRequest request, List<HeaderField> response)
    {
        List<HeaderField> all = new ArrayList<>(response);
        all.addAll(additions(request, response));
        return all;
    }

    /** The CORS headers {@code response} lacks, in the order Pushpin appends them. */
    public static List<HeaderField> additions(CorsRequest request, List<HeaderField> response)
    {
        List<HeaderField> added = new ArrayList<>(6);
        addIfAbsent(added, response, "Access-Control-Allow-Methods", request.requestMethod().orElse(DEFAULT_METHODS));
        if (!request.requestHeaders().isEmpty())
            addIfAbsent(added, response, "Access-Control-Allow-Headers", String.join(", ", request.requestHeaders()));
        String exposed = exposable(response);
        if (!exposed.isEmpty())
            addIfAbsent(added, response, "Access-Control-Expose-Headers", exposed);
        addIfAbsent(added, response, "Access-Control-Allow-Credentials", "true");
        addIfAbsent(added, response, "Access-Control-Allow-Origin", request.origin().orElse("*"));
        addIfAbsent(added, response, "Access-Control-Max-Age", "3600");
        return added;
    }

    /** The response's header names a script could not read without being told, first spelling kept. */
    static String exposable(List<HeaderField> response)
    {
        Map<String, String> names = new LinkedHashMap<>();
        for (HeaderField header : response)
        {
            String lower = header.name().toLowerCase(Locale.ROOT);
            if (SIMPLE.contains(lower) || HOP_BY_HOP.contains(lower) || lower.startsWith("access-control-")
                || lower.startsWith("grip-"))
                continue;
            names.putIfAbsent(lower, header.name());
        }
        return String.join(", ", names.values());
    }

    private static void addIfAbsent(List<HeaderField> added, List<HeaderField> response, String name, String value)
    {
        if (response.stream().noneMatch(h -> h.is(name)))
            added.add(new HeaderField(name, value));
    }
}
