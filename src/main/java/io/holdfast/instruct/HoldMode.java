// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

/** How the origin asked the proxy to hold the client request ({@code Grip-Hold}). */
public enum HoldMode
{
    /** No hold: the (rewritten) response is sent and the request ends. */
    NONE,
    /** Long-poll: nothing is sent until a publish or the timeout. */
    RESPONSE,
    /** The response starts now and stays open for published content. */
    STREAM
}
