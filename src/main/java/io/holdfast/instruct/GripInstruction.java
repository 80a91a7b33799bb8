// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an origin's GRIP response asks for: the hold mode, the channels, the long-poll timeout,
 * keep-alive, next link, subscription meta and the response to send (a stream's first bytes or a
 * long-poll's timeout response). Immutable; produced by {@link GripInstructionParser}.
 */
public record GripInstruction(
    HoldMode hold,
    List<ChannelSpec> channels,
    int timeoutSeconds,
    Optional<KeepAlive> keepAlive,
    Optional<NextLink> nextLink,
    Map<String, String> meta,
    ResponseSpec response)
{
    public GripInstruction
    {
        channels = List.copyOf(channels);
        meta = Map.copyOf(meta);
    }
}
