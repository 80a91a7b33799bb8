// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code name[=value]} parameter of a header item, as {@link HeaderValues} parses it. The value
 * is empty when there was no {@code =}, and also for a quoted empty string ({@code ""}), because
 * Pushpin treats {@code prev-id=""} as no prev-id. Immutable.
 */
public record HeaderParam(String name, Optional<String> value)
{
    public HeaderParam
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** True when this parameter's name equals {@code other}, ignoring case as Pushpin does. */
    public boolean is(String other)
    {
        return name.equalsIgnoreCase(other);
    }
}
