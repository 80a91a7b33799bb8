// SPDX-License-Identifier: Apache-2.0
package io.holdfast.stats;

/** What kind of client connection a held subscriber is, as stats report it (Pushpin's {@code conn} "type"). */
public enum ConnectionType
{
    /** A held HTTP request: a stream or a long-poll. */
    HTTP,
    /** A WebSocket. */
    WS
}
