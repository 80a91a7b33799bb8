// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.util.List;
import java.util.Optional;

import io.holdfast.format.HeaderField;

/**
 * One routes-file line: the condition that selects it, the options that shape requests on it and
 * its targets in failover order. Immutable; produced by {@link RoutesParser}.
 *
 * @param source file name (or "inline") the line came from, for messages
 * @param line 1-based line number in {@code source}
 * @param condition what requests the route matches
 * @param options props of the condition section other than the match criteria
 * @param targets one or more targets, tried in order on connect errors
 */
public record Route(String source, int line, RouteCondition condition, RouteOptions options, List<Target> targets)
{
    public Route
    {
        targets = List.copyOf(targets);
    }

    /** The route id ({@code id=}), or empty. */
    public Optional<String> id()
    {
        return options.id();
    }

    /** Extra request headers ({@code header=Name:value}); an empty value removes the header. */
    public List<HeaderField> headers()
    {
        return options.headers();
    }
}
