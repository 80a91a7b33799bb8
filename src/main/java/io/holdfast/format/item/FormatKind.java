// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;


/** Which format of a published item a subscriber takes, which depends on the kind of held connection it is. */
public enum FormatKind
{
    /** A held long-poll: takes {@code http-response}. */
    HTTP_RESPONSE,
    /** A held stream: takes {@code http-stream}. */
    HTTP_STREAM,
    /** A WebSocket: takes {@code ws-message}. */
    WS_MESSAGE;

    /** True when {@code item} has a format for this transport; an item is only delivered if so. */
    public boolean accepts(PublishItem item)
    {
        return switch (this)
        {
            case HTTP_RESPONSE -> item.httpResponse().isPresent();
            case HTTP_STREAM -> item.httpStream().isPresent();
            case WS_MESSAGE -> item.wsMessage().isPresent();
        };
    }
}
