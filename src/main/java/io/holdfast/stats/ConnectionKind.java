// SPDX-License-Identifier: Apache-2.0
package io.holdfast.stats;

import java.util.Locale;

/**
 * What a held client connection is, in the detail the dashboard shows; Pushpin's stats know only
 * its {@link ConnectionType}.
 */
public enum ConnectionKind
{
    STREAM(ConnectionType.HTTP),
    /** A stream whose response is {@code text/event-stream}. */
    SSE(ConnectionType.HTTP),
    LONG_POLL(ConnectionType.HTTP),
    WEBSOCKET(ConnectionType.WS),
    /** A SockJS session on a {@code sockjs=} route, whatever its transport. */
    SOCKJS(ConnectionType.WS);

    private final ConnectionType type;

    ConnectionKind(ConnectionType type)
    {
        this.type = type;
    }

    public ConnectionType type()
    {
        return type;
    }

    /** The name the dashboard and its stream show: {@code long-poll}, {@code sse}, ... */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
