// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpFields;

import io.holdfast.route.Route;
import io.holdfast.route.Target;

/**
 * What opening the origin side of a proxied WebSocket needs from the proxy, which owns it: the HTTP
 * client WebSocket-over-HTTP origins are reached with, the headers an origin request carries (the
 * forwarding policy's, signed with {@code Grip-Sig}), and the proxy's wording for an origin that
 * could not be reached. Implemented by the proxy's context; thread-safe.
 */
public interface OriginAccess
{
    HttpClient httpClient();

    /** Adds the headers the proxy sends {@code target} for {@code clientRequest} on {@code route}. */
    void fillOriginHeaders(HttpServletRequest clientRequest, Route route, Target target, HttpFields.Mutable originHeaders);

    /** A fresh {@code Grip-Sig} token for each request to {@code route}'s origin (empty when not signed). */
    Supplier<String> gripSig(Route route);

    /** The body of a {@code 502} when no target could be reached, as Pushpin words it. */
    String badGatewayBody();
}
