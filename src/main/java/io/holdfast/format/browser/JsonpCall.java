// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.util.List;
import java.util.Optional;

import io.holdfast.format.HeaderField;

/**
 * A GET turned into a JSONP call (GRIP §8.2): the callback its response is wrapped in, whether the
 * wrapper carries the whole response (extended) or just the body (basic), and the request the
 * origin gets instead: method, query without the JSONP params (empty when none remain), headers
 * from {@code _headers} (sent before the client's own) and the body. Immutable; the body array must
 * not be mutated.
 */
public record JsonpCall(String callback, boolean extended, String method, Optional<String> query,
                        List<HeaderField> headers, byte[] body)
{
    public JsonpCall
    {
        headers = List.copyOf(headers);
    }
}
