// SPDX-License-Identifier: Apache-2.0
package io.holdfast.stats;

import java.util.Optional;

import io.holdfast.format.item.FormatKind;

/**
 * Something that happened to connections, subscriptions or messages, as {@link HubActivity} reports
 * it to its listener (the stats socket turns each into a Pushpin stats message, GRIP §10.2).
 * Immutable.
 */
public sealed interface HubEvent
{
    /** A client connection was held (or is still held, when the stats refresh it). */
    record Connected(String id, ConnectionType type, String peerAddress, boolean ssl) implements HubEvent
    {
    }

    /** A held client connection ended. */
    record Disconnected(String id) implements HubEvent
    {
    }

    /** A channel has {@code subscribers} subscribers of one kind ({@code mode}); sent on every change. */
    record Subscribed(FormatKind mode, String channel, int subscribers) implements HubEvent
    {
    }

    /** A channel lost its last subscriber of one kind. */
    record Unsubscribed(FormatKind mode, String channel) implements HubEvent
    {
    }

    /** An item was handed to {@code count} subscribers of one kind. */
    record Delivered(String channel, Optional<String> itemId, FormatKind transport, int count) implements HubEvent
    {
    }
}
