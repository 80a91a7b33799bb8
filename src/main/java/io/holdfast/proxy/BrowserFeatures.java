// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.holdfast.format.HeaderField;
import io.holdfast.format.browser.CorsHeaders;
import io.holdfast.format.browser.CorsRequest;
import io.holdfast.format.browser.JsonpCall;
import io.holdfast.format.browser.JsonpCallParser;
import io.holdfast.format.browser.JsonpRejected;
import io.holdfast.route.JsonpOptions;
import io.holdfast.route.Route;
import io.holdfast.transport.http.BrowserWrap;

/**
 * Auto Cross-Origin at the proxy's edge (GRIP §8): decides per request whether it applies (the
 * {@code holdfast.auto.cross.origin} setting or the route's {@code aco}), reads a JSONP call's
 * parameters, and attaches the {@link BrowserWrap} every later response of the request goes
 * through. Thread-safe.
 */
final class BrowserFeatures
{
    private final boolean global;

    BrowserFeatures(boolean global)
    {
        this.global = global;
    }

    /**
     * Sets up Auto Cross-Origin for {@code clientRequest}; returns its JSONP call, if it is one.
     *
     * @throws JsonpRejected for a JSONP call with unusable parameters (CORS headers still apply)
     */
    Optional<JsonpCall> prepare(HttpServletRequest clientRequest, Optional<Route> route) throws JsonpRejected
    {
        if (!global && route.map(r -> !r.options().aco()).orElse(true))
            return Optional.empty();
        CorsRequest cors = new CorsRequest(Optional.ofNullable(clientRequest.getHeader("Origin")),
            Optional.ofNullable(clientRequest.getHeader("Access-Control-Request-Method")),
            Collections.list(clientRequest.getHeaders("Access-Control-Request-Headers")));
        BrowserWrap.attach(clientRequest, new BrowserWrap(cors, Optional.empty()));
        JsonpOptions options = route.map(r -> r.options().jsonp()).orElse(JsonpOptions.DEFAULT);
        Optional<JsonpCall> call = JsonpCallParser.parse(clientRequest.getMethod(), clientRequest.getQueryString(), options);
        call.ifPresent(c -> BrowserWrap.attach(clientRequest, new BrowserWrap(cors, call)));
        return call;
    }

    /** Adds the CORS headers a relayed origin response lacks, when the request has Auto Cross-Origin. */
    static void addCorsHeaders(HttpServletRequest clientRequest, HttpServletResponse proxyResponse)
    {
        Optional<BrowserWrap> wrap = BrowserWrap.of(clientRequest);
        if (wrap.isEmpty())
            return;
        List<HeaderField> relayed = new ArrayList<>();
        for (String name : proxyResponse.getHeaderNames())
        {
            for (String value : proxyResponse.getHeaders(name))
                relayed.add(new HeaderField(name, value));
        }
        for (HeaderField header : CorsHeaders.additions(wrap.get().cors(), relayed))
            proxyResponse.addHeader(header.name(), header.value());
    }
}
