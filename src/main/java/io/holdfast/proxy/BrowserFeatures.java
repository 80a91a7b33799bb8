// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;

import io.holdfast.format.HeaderField;
import io.holdfast.format.StatusReasons;
import io.holdfast.format.browser.CorsHeaders;
import io.holdfast.format.browser.CorsRequest;
import io.holdfast.format.browser.JsonpCall;
import io.holdfast.format.browser.JsonpCallParser;
import io.holdfast.format.browser.JsonpOptions;
import io.holdfast.format.browser.JsonpRejected;
import io.holdfast.format.browser.JsonpStream;
import io.holdfast.route.Route;
import io.holdfast.transport.BrowserWrap;
import io.holdfast.transport.ResponseHeads;

/**
 * Auto Cross-Origin at the proxy's edge (GRIP §8): decides per request whether it applies (the
 * {@code holdfast.auto.cross.origin} setting or the route's {@code aco}), reads a JSONP call's
 * parameters, and attaches the {@link BrowserWrap} every later response of the request goes
 * through. Thread-safe.
 */
final class BrowserFeatures
{
    /** A JSONP response up to this long is collected and answered with a length. */
    static final int JSONP_WHOLE_LIMIT = 1_000_000;

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

    /**
     * A JSONP call's response is wrapped as script: collected whole when its length is known and
     * modest (answered with a length, as Pushpin mostly does), wrapped on the fly otherwise.
     */
    static void startJsonp(ProxyExchange exchange, HttpServletResponse proxyResponse, Response serverResponse,
                           List<HeaderField> originHeaders)
    {
        int status = serverResponse.getStatus();
        long length = serverResponse.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (length >= 0 && length <= JSONP_WHOLE_LIMIT || HttpStatus.hasNoBody(status))
        {
            exchange.capture = new OriginCapture(status, serverResponse.getReason(), originHeaders, JSONP_WHOLE_LIMIT);
            return;
        }
        JsonpCall call = exchange.jsonp.get();
        String reason = serverResponse.getReason() == null ? StatusReasons.standard(status) : serverResponse.getReason();
        exchange.jsonpStream = new JsonpStream(call.callback(), call.extended(), status, reason, originHeaders);
        ResponseHeads.setStatus(exchange.clientRequest, proxyResponse, 200, "OK");
        proxyResponse.setContentType("application/javascript");
    }
}
