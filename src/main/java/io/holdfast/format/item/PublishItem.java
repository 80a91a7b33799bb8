// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.Map;
import java.util.Optional;

/**
 * One published item (GRIP "item"): a channel, optional sequencing ids and at least one format.
 * Immutable; parsed once and shared by every subscriber it is delivered to.
 */
public record PublishItem(
    String channel,
    Optional<String> id,
    Optional<String> prevId,
    Map<String, String> meta,
    boolean noSeq,
    Optional<HttpResponseFormat> httpResponse,
    Optional<HttpStreamFormat> httpStream,
    Optional<WsMessageFormat> wsMessage)
{
    public PublishItem
    {
        meta = Map.copyOf(meta);
    }
}
