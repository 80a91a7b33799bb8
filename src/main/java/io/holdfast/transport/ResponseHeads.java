// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport;

import java.util.Set;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpStatus;

import io.holdfast.format.HeaderField;
import io.holdfast.format.StatusReasons;
import io.holdfast.instruct.ResponseSpec;

/**
 * Writes a {@link ResponseSpec}'s status line and headers onto a servlet response: the reason
 * phrase Pushpin would send, the headers in order, and the framing the proxy owns (a stream gets
 * none, so the container chunks it; anything else gets {@code Content-Length}). Stateless.
 */
public final class ResponseHeads
{
    /** Framing and hop-by-hop headers the container computes itself. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection", "keep-alive");

    private ResponseHeads()
    {
    }

    /**
     * Writes the head of {@code original} as this client must get it (see {@link BrowserWrap}) and
     * returns the response whose body is to follow.
     */
    public static ResponseSpec apply(ServletRequest request, HttpServletResponse response, ResponseSpec original,
                                     ResponseKind kind)
    {
        ResponseSpec spec = BrowserWrap.of(request).map(wrap -> wrap.apply(kind, original)).orElse(original);
        setStatus(request, response, spec.code(), spec.reason().orElse(StatusReasons.standard(spec.code())));
        for (HeaderField header : spec.headers())
        {
            if (!FRAMING.contains(header.name().toLowerCase()))
                response.addHeader(header.name(), header.value());
        }
        if (kind != ResponseKind.STREAM)
            response.setContentLengthLong(spec.body().length);
        return spec;
    }

    /** Sets the status, and the reason phrase when it is not the one the container sends anyway. */
    public static void setStatus(ServletRequest request, HttpServletResponse response, int code, String reason)
    {
        response.setStatus(code);
        if (!reason.equals(HttpStatus.getMessage(code)))
            ReasonPhrase.set(request, reason);
    }
}
