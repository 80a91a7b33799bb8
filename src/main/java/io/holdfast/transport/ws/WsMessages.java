// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.holdfast.format.item.PublishItem;
import io.holdfast.format.item.WsMessageFormat;

/**
 * Turns a published {@code ws-message} into what a session sends, decoding its text once per
 * publish however many subscribers receive it: the hub fans one item out to all subscribers on one
 * thread, so the last item decoded on this thread is remembered. Binary content is shared as
 * read-only views, never copied. Thread-safe.
 */
final class WsMessages
{
    private static final ThreadLocal<Decoded> LAST = new ThreadLocal<>();

    private WsMessages()
    {
    }

    static ClientLeg.Outgoing outgoing(PublishItem item, WsMessageFormat format)
    {
        return switch (format.type())
        {
            case TEXT -> new ClientLeg.Text(text(item, format));
            case BINARY -> new ClientLeg.Binary(ByteBuffer.wrap(format.content()).asReadOnlyBuffer());
            case PING -> new ClientLeg.Ping(ByteBuffer.wrap(format.content()).asReadOnlyBuffer());
            case PONG -> new ClientLeg.Pong(ByteBuffer.wrap(format.content()).asReadOnlyBuffer());
        };
    }

    private static String text(PublishItem item, WsMessageFormat format)
    {
        Decoded last = LAST.get();
        if (last != null && last.item == item)
            return last.text;
        String text = new String(format.content(), StandardCharsets.UTF_8);
        LAST.set(new Decoded(item, text));
        return text;
    }

    private record Decoded(PublishItem item, String text)
    {
    }
}
