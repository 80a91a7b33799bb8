// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.util.Optional;

/**
 * The match part of a route: host ({@code *} = any, stored as the empty string), and the optional
 * {@code proto}, {@code ssl} and {@code path_beg} criteria. Immutable.
 */
public record RouteCondition(String domain, Optional<Protocol> proto, Optional<Boolean> ssl, Optional<String> pathBeg)
{
    /** {@code proto=http|ws}. */
    public enum Protocol
    {
        HTTP, WS
    }
}
