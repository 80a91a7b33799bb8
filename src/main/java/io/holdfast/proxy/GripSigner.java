// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.concurrent.TimeUnit;

import io.holdfast.format.GripSig;

/**
 * Produces the {@code Grip-Sig} header value for one issuer and key. A token is valid for an hour
 * (as Pushpin's), so one is reused for a minute instead of computing an HMAC per request.
 * Thread-safe.
 */
final class GripSigner
{
    private static final long VALIDITY_SECONDS = 3600;
    private static final long REUSE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String iss;
    private final byte[] key;
    private volatile Token token;

    GripSigner(String iss, byte[] key)
    {
        this.iss = iss;
        this.key = key.clone();
    }

    String iss()
    {
        return iss;
    }

    byte[] key()
    {
        return key.clone();
    }

    String token()
    {
        Token current = token;
        long now = System.nanoTime();
        if (current == null || now - current.madeNanos > REUSE_NANOS)
        {
            long exp = System.currentTimeMillis() / 1000 + VALIDITY_SECONDS;
            current = new Token(GripSig.sign(iss, key, exp), now);
            token = current;
        }
        return current.value;
    }

    private record Token(String value, long madeNanos)
    {
    }
}
