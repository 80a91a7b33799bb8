// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.holdfast.format.HeaderField;
import io.holdfast.format.item.HttpResponseFormat;
import io.holdfast.instruct.ResponseSpec;

/**
 * Builds the response a held long-poll receives for a published {@code http-response} (GRIP §3.4):
 * the held response's headers minus every name the publish sets, then the publish's headers
 * (never {@code Grip-*}); the publish's code (200 by default, not the origin's), reason and body.
 * Pure.
 */
final class ResponseMerge
{
    private ResponseMerge()
    {
    }

    static ResponseSpec merge(ResponseSpec held, HttpResponseFormat published)
    {
        Set<String> replaced = new HashSet<>();
        for (HeaderField header : published.headers())
            replaced.add(header.name().toLowerCase(Locale.ROOT));
        List<HeaderField> headers = new ArrayList<>();
        for (HeaderField header : held.headers())
        {
            if (!replaced.contains(header.name().toLowerCase(Locale.ROOT)))
                headers.add(header);
        }
        for (HeaderField header : published.headers())
        {
            if (!header.name().regionMatches(true, 0, "Grip-", 0, 5))
                headers.add(header);
        }
        byte[] body = published.bodyPatch().isPresent() && published.body().length == 0
            ? held.body()
            : published.body();
        return new ResponseSpec(published.code(), published.reason(), headers, body);
    }
}
