// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker;

/** Whether a {@link Broker} can publish and deliver right now. */
public enum BrokerState
{
    /** Not connected yet since {@link Broker#start}: the first connection is being made (or refused). */
    CONNECTING,
    /** Connected: publishes are sent and subscribed channels receive. */
    UP,
    /** The connection was lost: publishes are refused until it is back, when missed items are recovered. */
    DOWN
}
