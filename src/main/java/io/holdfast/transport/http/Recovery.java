// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.util.Map;

/**
 * How a held connection refetches from its origin when it missed items (a prev-id gap, a
 * {@code hint}, a recover): the proxy re-sends the original request with {@code Grip-Last} for
 * each channel's last id and handles the answer like a first response.
 */
@FunctionalInterface
public interface Recovery
{
    /** @param lastIds channel (as the origin named it) to the id of the last item the client has */
    void refetch(Map<String, String> lastIds);

    Recovery NONE = lastIds ->
    {
    };
}
