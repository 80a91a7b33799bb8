// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.net.URI;

/** {@code Grip-Link: <uri>; rel=next; timeout=T}: where a stream fetches more. URI as given (may be relative). */
public record NextLink(URI uri, int timeoutSeconds)
{
}
