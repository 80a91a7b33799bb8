// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * The headers of a plain (not GRIP) origin response as the client gets them: every line the origin
 * sent, in its order, with its name and value as sent, less the hop-by-hop ones. Jetty's proxy
 * servlet rebuilds each value from its parsed list, so {@code Set-Cookie: a=1; Path=/} reached the
 * client as {@code a=1;Path=/} and a quoted cookie value lost its quotes; Pushpin relays the bytes.
 * Stateless.
 */
final class RelayedHeaders
{
    private RelayedHeaders()
    {
    }

    /** Adds {@code originHeaders} to {@code clientResponse}, skipping the names in {@code hopByHop} (lower case). */
    static void copy(HttpFields originHeaders, Set<String> hopByHop, HttpServletResponse clientResponse)
    {
        for (HttpField field : originHeaders)
        {
            if (!hopByHop.contains(field.getLowerCaseName()))
                clientResponse.addHeader(field.getName(), field.getValue());
        }
    }
}
