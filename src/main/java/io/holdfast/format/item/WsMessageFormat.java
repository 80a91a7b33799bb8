// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code ws-message} format: one WebSocket message, or a close ({@code action: close}) with an
 * optional code and reason. The content array is shared by every subscriber and must not be mutated.
 */
public record WsMessageFormat(
    Action action,
    Type type,
    byte[] content,
    OptionalInt closeCode,
    Optional<String> closeReason,
    List<String> contentFilters) implements PublishFormat
{
    /** The WebSocket frame type a message is sent as. */
    public enum Type
    {
        TEXT, BINARY, PING, PONG
    }

    public WsMessageFormat
    {
        contentFilters = List.copyOf(contentFilters);
    }
}
