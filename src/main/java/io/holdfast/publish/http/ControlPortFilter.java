// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.http;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.GenericFilter;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * Sends every request that arrived on the control port to the control API and everything else on
 * to the proxy. The control servlet has no URL mapping, so the client port can never reach it:
 * {@code POST /publish/} there is proxied like any request. Thread-safe.
 */
public final class ControlPortFilter extends GenericFilter
{
    private final int controlPort;
    private final String controlServletName;

    public ControlPortFilter(int controlPort, String controlServletName)
    {
        this.controlPort = controlPort;
        this.controlServletName = controlServletName;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException
    {
        if (request.getLocalPort() == controlPort)
            getServletContext().getNamedDispatcher(controlServletName).forward(request, response);
        else
            chain.doFilter(request, response);
    }
}
