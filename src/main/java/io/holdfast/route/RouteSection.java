// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One space-separated section of a routes line: its initial value and its {@code ,name=value} props
 * in the order written. Lookups follow Pushpin's multi-hash: a repeated prop reads as its last
 * value. Immutable.
 *
 * @param value the initial value, possibly empty
 * @param props the props in line order; a prop written without {@code =} has an empty value
 */
record RouteSection(String value, List<Prop> props)
{
    /** One {@code name[=value]} prop. */
    record Prop(String name, String value)
    {
    }

    RouteSection
    {
        props = List.copyOf(props);
    }

    /** True when the prop is present, with or without a value. */
    boolean has(String name)
    {
        return props.stream().anyMatch(p -> p.name().equals(name));
    }

    /** The value of the last occurrence of the prop, or empty when absent. */
    Optional<String> last(String name)
    {
        Optional<String> found = Optional.empty();
        for (Prop p : props)
        {
            if (p.name().equals(name))
            {
                found = Optional.of(p.value());
            }
        }
        return found;
    }

    /** The values of every occurrence of the prop, in line order. */
    List<String> all(String name)
    {
        List<String> out = new ArrayList<>();
        for (Prop p : props)
        {
            if (p.name().equals(name))
            {
                out.add(p.value());
            }
        }
        return out;
    }
}
