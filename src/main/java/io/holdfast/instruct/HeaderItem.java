// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One comma-separated item of a header value: its leading value (e.g. a channel name or
 * {@code <uri>}) and its {@code ;}-separated parameters in order, repeats kept. Immutable.
 */
public record HeaderItem(String value, List<HeaderParam> params)
{
    public HeaderItem
    {
        Objects.requireNonNull(value, "value");
        params = List.copyOf(params);
    }

    /** True when a parameter of this name (any case) is present, with or without a value. */
    public boolean has(String name)
    {
        return params.stream().anyMatch(p -> p.is(name));
    }

    /** The value of the first parameter of this name (any case); empty if absent or valueless. */
    public Optional<String> param(String name)
    {
        return params.stream().filter(p -> p.is(name)).findFirst().flatMap(HeaderParam::value);
    }
}
