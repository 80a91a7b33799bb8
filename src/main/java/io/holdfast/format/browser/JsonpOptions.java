// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.util.Optional;

/**
 * A route's JSONP props: {@code jsonp_mode} (default extended), {@code jsonp_cb} (default
 * {@code callback}), {@code jsonp_body}, {@code jsonp_defcb} and {@code jsonp_defmethod}. Immutable.
 */
public record JsonpOptions(
    Mode mode,
    String callbackParam,
    Optional<String> bodyParam,
    Optional<String> defaultCallback,
    Optional<String> defaultMethod)
{
    /** {@code jsonp_mode}. */
    public enum Mode
    {
        BASIC, EXTENDED
    }

    /** The values used when a route sets no jsonp props. */
    public static final JsonpOptions DEFAULT =
        new JsonpOptions(Mode.EXTENDED, "callback", Optional.empty(), Optional.empty(), Optional.empty());
}
