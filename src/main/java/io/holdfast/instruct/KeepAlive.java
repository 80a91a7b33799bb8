// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

/**
 * A stream keep-alive ({@code Grip-Keep-Alive} or the instruct body's {@code keep-alive}): bytes
 * written when the stream has been idle ({@link Mode#IDLE}) or on a fixed period
 * ({@link Mode#INTERVAL}). The array is shared and must not be mutated.
 */
public record KeepAlive(byte[] content, int timeoutSeconds, Mode mode)
{
    /** When the keep-alive fires. */
    public enum Mode
    {
        IDLE, INTERVAL
    }
}
