// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format;

import java.util.Objects;

/**
 * One HTTP header line, name and value as given. Header lists keep order and repeats, so they are
 * {@code List<HeaderField>} rather than maps. Immutable.
 */
public record HeaderField(String name, String value)
{
    public HeaderField
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** True when this header's name equals {@code other}, ignoring case as HTTP does. */
    public boolean is(String other)
    {
        return name.equalsIgnoreCase(other);
    }
}
