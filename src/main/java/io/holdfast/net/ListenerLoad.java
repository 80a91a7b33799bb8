// SPDX-License-Identifier: Apache-2.0
package io.holdfast.net;

/**
 * A client listener's connection limit (0 = none), its connections open now and the times the
 * limit was reached: what {@code /metrics} reports of it.
 */
public record ListenerLoad(int limit, int open, long limitReached)
{
}
