// SPDX-License-Identifier: Apache-2.0
package io.holdfast.hub;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections a {@code refresh} command can reach by connection id (WebSockets to
 * WebSocket-over-HTTP origins), from when they open until they end. Thread-safe.
 */
public final class Refreshables
{
    private final ConcurrentHashMap<String, Refreshable> byId = new ConcurrentHashMap<>();

    /** Makes {@code connection} refreshable by {@code connectionId} until {@link #forget}. */
    public void register(String connectionId, Refreshable connection)
    {
        byId.put(connectionId, connection);
    }

    public void forget(String connectionId)
    {
        byId.remove(connectionId);
    }

    /** Refreshes the connection with {@code connectionId}; false when there is no such connection. */
    public boolean refresh(String connectionId)
    {
        Refreshable connection = byId.get(connectionId);
        if (connection == null)
            return false;
        connection.refresh();
        return true;
    }
}
