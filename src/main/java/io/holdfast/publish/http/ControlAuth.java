// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.LongSupplier;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.format.BearerToken;

/**
 * The control API's authentication ({@code holdfast.publish.key}, {@code holdfast.publish.iss}):
 * what a request must carry, and the log line and count of one that does not. The token itself is
 * never logged. Thread-safe.
 */
public final class ControlAuth
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.publish");
    private static final String ACCESS_TOKEN = "access_token=";

    private final String key;
    private final Optional<String> issuer;
    private final LongSupplier epochSeconds;
    private final Runnable refused;

    private ControlAuth(String key, Optional<String> issuer, LongSupplier epochSeconds, Runnable refused)
    {
        this.key = key;
        this.issuer = issuer;
        this.epochSeconds = epochSeconds;
        this.refused = refused;
    }

    /**
     * Authentication with {@code key}, or none when it is empty.
     *
     * @param issuer  the {@code iss} a JWT must carry (empty: any)
     * @param refused counts a refused request
     */
    public static Optional<ControlAuth> of(String key, String issuer, LongSupplier epochSeconds, Runnable refused)
    {
        if (key.isEmpty())
            return Optional.empty();
        return Optional.of(new ControlAuth(key, issuer.isEmpty() ? Optional.empty() : Optional.of(issuer), epochSeconds,
            refused));
    }

    // A browser cannot put a header on a page it opens or on an EventSource: RFC 6750 §2.3 lets the
    // token come as ?access_token= instead. Read from the raw query, so that no form body is read.
    private static String authorization(HttpServletRequest request)
    {
        String header = request.getHeader("Authorization");
        String query = request.getQueryString();
        if (header != null || query == null)
            return header;
        for (String pair : query.split("&"))
        {
            if (pair.startsWith(ACCESS_TOKEN))
                return "Bearer " + URLDecoder.decode(pair.substring(ACCESS_TOKEN.length()), StandardCharsets.UTF_8);
        }
        return null;
    }

    /** Why {@code request} may not use the control API; empty when it may. Logs and counts a refusal. */
    Optional<String> refusal(HttpServletRequest request)
    {
        Optional<String> problem = BearerToken.problem(authorization(request), key, issuer, epochSeconds.getAsLong());
        problem.ifPresent(why ->
        {
            refused.run();
            LOG.warn("control: {} {} from {} refused: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(),
                why);
        });
        return problem;
    }
}
