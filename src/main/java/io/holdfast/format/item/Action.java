// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

/** What a published format asks the proxy to do with a subscriber (GRIP "action" field). */
public enum Action
{
    /** Deliver the content (the default). */
    SEND,
    /** Recover: refetch from the origin instead of delivering content. */
    HINT,
    /** End the stream or close the WebSocket. */
    CLOSE
}
