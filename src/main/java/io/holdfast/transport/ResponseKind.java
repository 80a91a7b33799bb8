// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport;

/**
 * How a response reaches the client, which decides how browser features dress it: a one-shot
 * answer (proxied, an error, a GRIP response without a hold), a held long-poll's answer, or the
 * head of a held stream, which JSONP never wraps.
 */
public enum ResponseKind
{
    ONE_SHOT, HELD, STREAM
}
