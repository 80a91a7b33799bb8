// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.holdfast.format.item.PublishItem;
import io.holdfast.format.item.WsMessageFormat;
import io.holdfast.hub.Delivery;

/**
 * Turns a published {@code ws-message} into what a session sends, decoding its text once per
 * delivery however many subscribers receive it ({@link Delivery#shared}). Binary content is shared
 * as read-only views, never copied. Stateless.
 */
final class WsMessages
{
    private WsMessages()
    {
    }

    static ClientLeg.Outgoing outgoing(Delivery delivery, WsMessageFormat format)
    {
        return switch (format.type())
        {
            case TEXT -> new ClientLeg.Text(delivery.shared(String.class, WsMessages::text));
            case BINARY -> new ClientLeg.Binary(ByteBuffer.wrap(format.content()).asReadOnlyBuffer());
            case PING -> new ClientLeg.Ping(ByteBuffer.wrap(format.content()).asReadOnlyBuffer());
            case PONG -> new ClientLeg.Pong(ByteBuffer.wrap(format.content()).asReadOnlyBuffer());
        };
    }

    // Not capturing: called for every receiver, it allocates nothing unless it is the first.
    private static String text(PublishItem item)
    {
        return new String(item.wsMessage().orElseThrow().content(), StandardCharsets.UTF_8);
    }
}
