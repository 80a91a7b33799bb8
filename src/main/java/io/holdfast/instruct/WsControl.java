// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.util.List;
import java.util.Optional;

/**
 * A GRIP control message an origin sends over a WebSocket ({@code c:} + JSON, GRIP §7.3). Each
 * variant is an immutable record; {@link WsControlParser} makes them.
 */
public sealed interface WsControl
{
    /**
     * Subscribe the connection to {@code channel} with {@code filters}. {@code prevId}, a Holdfast
     * extension, names the last item the client has, so the items after it in the channel's history
     * are sent at once.
     */
    record Subscribe(String channel, List<String> filters, Optional<String> prevId) implements WsControl
    {
        public Subscribe(String channel, List<String> filters)
        {
            this(channel, filters, Optional.empty());
        }

        public Subscribe
        {
            filters = List.copyOf(filters);
        }
    }

    /** Unsubscribe the connection from {@code channel}. */
    record Unsubscribe(String channel) implements WsControl
    {
    }

    /** Close the origin side and keep the client, which from now on only receives publishes. */
    record Detach() implements WsControl
    {
    }

    /** Set ({@code value} present) or delete a subscription meta value used by filters. */
    record SetMeta(String name, Optional<String> value) implements WsControl
    {
    }

    /**
     * Send {@code content} as a {@code type} message when the connection has been idle (or on a
     * fixed period) for {@code timeoutSeconds}; empty content turns keep-alives off.
     */
    record KeepAlive(Optional<byte[]> content, MessageType type, int timeoutSeconds, boolean interval) implements WsControl
    {
    }

    /** The frame type of a keep-alive message. */
    enum MessageType
    {
        TEXT, BINARY, PING, PONG
    }
}
