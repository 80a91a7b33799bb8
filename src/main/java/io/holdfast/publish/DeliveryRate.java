// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

/**
 * Pushpin's {@code message_rate}: at most this many deliveries (item × subscriber) per second, as
 * a token bucket holding one second's worth. Holdfast never drops what is over the rate: the
 * publish API refuses the batch ({@code 503}) and the ZeroMQ inputs wait, which pushes back on
 * their publishers. Thread-safe.
 */
final class DeliveryRate
{
    private final double perSecond;
    private double tokens;
    private long refilledNanos = System.nanoTime();

    DeliveryRate(long perSecond)
    {
        this.perSecond = perSecond;
        this.tokens = perSecond;
    }

    /** Takes {@code deliveries} tokens if there are that many; a batch larger than a second's worth passes when the bucket is full. */
    synchronized boolean tryAcquire(long deliveries)
    {
        refill();
        if (tokens >= Math.min(deliveries, perSecond))
        {
            tokens -= deliveries;
            return true;
        }
        return false;
    }

    /** Milliseconds until {@code deliveries} tokens are there. */
    synchronized long waitMillis(long deliveries)
    {
        refill();
        double missing = Math.min(deliveries, perSecond) - tokens;
        return missing <= 0 ? 0 : (long)Math.ceil(missing * 1000 / perSecond);
    }

    // Called with the monitor held.
    private void refill()
    {
        long now = System.nanoTime();
        tokens = Math.min(perSecond, tokens + (now - refilledNanos) * perSecond / 1e9);
        refilledNanos = now;
    }
}
