// SPDX-License-Identifier: Apache-2.0
package io.holdfast.stats;

/**
 * Counters for one reporting interval (Pushpin's {@code report} stats): the most connections held at
 * once, connection-minutes, items received, deliveries made (and how many were long-poll responses),
 * and the interval's length. Immutable.
 */
public record HubReport(int connections, long minutes, long received, long sent, long httpResponseSent,
                        long durationMillis)
{
}
