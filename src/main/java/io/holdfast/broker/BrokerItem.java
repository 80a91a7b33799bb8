// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker;

import io.holdfast.format.item.PublishItem;

/**
 * A published item as the broker carried it: {@code offset} is its position in its channel within
 * {@code epoch}, counting from 1 and increasing by exactly 1 per item published to the channel;
 * {@code epoch} names the channel's history generation, which changes when the broker lost the
 * channel's data (a restart without persistence, an expiry), after which offsets count from 1 again.
 * Immutable.
 */
public record BrokerItem(PublishItem item, long offset, String epoch)
{
}
