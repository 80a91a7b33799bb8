// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.http;

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

    /** Why {@code request} may not use the control API; empty when it may. Logs and counts a refusal. */
    Optional<String> refusal(HttpServletRequest request)
    {
        Optional<String> problem = BearerToken.problem(request.getHeader("Authorization"), key, issuer,
            epochSeconds.getAsLong());
        problem.ifPresent(why ->
        {
            refused.run();
            LOG.warn("control: {} {} from {} refused: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(),
                why);
        });
        return problem;
    }
}
