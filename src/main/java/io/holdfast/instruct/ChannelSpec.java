// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.util.List;
import java.util.Optional;

/** One channel a held request subscribes to, with its {@code prev-id} and filters. Immutable. */
public record ChannelSpec(String name, Optional<String> prevId, List<String> filters)
{
    public ChannelSpec
    {
        filters = List.copyOf(filters);
    }
}
