// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

/**
 * A held connection that can be made to ask its origin something now: a WebSocket whose origin
 * speaks WebSocket-over-HTTP (the command socket's {@code refresh}, GRIP §6.4). Optional
 * capability of a {@link Subscriber}. Must not block.
 */
public interface Refreshable
{
    void refresh();
}
