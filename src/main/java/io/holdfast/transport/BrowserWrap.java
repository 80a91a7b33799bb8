// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.ServletRequest;

import io.holdfast.format.HeaderField;
import io.holdfast.format.StatusReasons;
import io.holdfast.format.browser.CorsHeaders;
import io.holdfast.format.browser.CorsRequest;
import io.holdfast.format.browser.JsonpCall;
import io.holdfast.format.browser.JsonpWrapper;
import io.holdfast.instruct.ResponseSpec;

/**
 * Auto Cross-Origin for one client request (GRIP §8): every response it gets, whenever it comes
 * (proxied, held, timed out, published), gains the CORS headers it lacks, or is wrapped as script
 * when the request is a JSONP call. Attached to the request by the proxy and read wherever a
 * response head is written. Immutable.
 */
public record BrowserWrap(CorsRequest cors, Optional<JsonpCall> jsonp)
{
    private static final String ATTRIBUTE = BrowserWrap.class.getName();

    public static void attach(ServletRequest clientRequest, BrowserWrap wrap)
    {
        clientRequest.setAttribute(ATTRIBUTE, wrap);
    }

    /** The request's wrap, or empty when Auto Cross-Origin is off for it. */
    public static Optional<BrowserWrap> of(ServletRequest clientRequest)
    {
        return Optional.ofNullable((BrowserWrap)clientRequest.getAttribute(ATTRIBUTE));
    }

    /** {@code spec} as this client must get it. */
    public ResponseSpec apply(ResponseKind kind, ResponseSpec spec)
    {
        if (jsonp.isEmpty() || kind == ResponseKind.STREAM)
            return new ResponseSpec(spec.code(), spec.reason(), CorsHeaders.apply(cors, spec.headers()), spec.body());
        JsonpCall call = jsonp.get();
        String reason = spec.reason().orElse(StatusReasons.standard(spec.code()));
        List<HeaderField> headers = new ArrayList<>();
        byte[] body;
        if (kind == ResponseKind.HELD)
        {
            // The held answer keeps its headers, bar the length and type the script replaces.
            List<HeaderField> described = spec.headers().stream().filter(h -> !h.is("Content-Length")).toList();
            body = JsonpWrapper.wrapHeld(call.callback(), call.extended(), spec.code(), reason, described, spec.body());
            described.stream().filter(h -> !h.is("Content-Type")).forEach(headers::add);
            headers.add(new HeaderField("Content-Type", "application/javascript"));
        }
        else
        {
            List<HeaderField> described = new ArrayList<>(spec.headers());
            if (spec.body().length > 0 && described.stream().noneMatch(h -> h.is("Content-Length")))
                described.add(new HeaderField("Content-Length", Integer.toString(spec.body().length)));
            body = JsonpWrapper.wrapOneShot(call.callback(), call.extended(), spec.code(), reason, described, spec.body());
            headers.add(new HeaderField("Content-Type", "application/javascript"));
            // Caching of the wrapped response follows the origin's.
            spec.headers().stream().filter(h -> h.is("Cache-Control")).forEach(headers::add);
        }
        return new ResponseSpec(200, Optional.empty(), headers, body);
    }
}
