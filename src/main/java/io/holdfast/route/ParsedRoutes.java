// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.util.List;

/**
 * The result of parsing a whole routes file: the routes in file order, and the warnings for lines
 * that were valid but skipped (duplicate conditions), each as {@code <source>:<line>: <message>}.
 * Immutable.
 *
 * @param routes accepted routes, in file order
 * @param warnings messages about skipped lines, in file order
 */
public record ParsedRoutes(List<Route> routes, List<String> warnings)
{
    public ParsedRoutes
    {
        routes = List.copyOf(routes);
        warnings = List.copyOf(warnings);
    }
}
