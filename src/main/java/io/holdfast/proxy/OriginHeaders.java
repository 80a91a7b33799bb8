// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

import io.holdfast.format.HeaderField;
import io.holdfast.format.browser.JsonpCall;
import io.holdfast.route.Route;
import io.holdfast.route.RouteOptions;
import io.holdfast.route.Target;

/**
 * The headers of a request towards an origin (GRIP §11): the client's headers minus hop-by-hop
 * ones, minus every {@code Grip-*} a client could forge, with Pushpin's forwarded-header rules, the
 * route's {@code header=} overrides, {@code Grip-Sig} and {@code Grip-Feature}. Thread-safe.
 */
final class OriginHeaders
{
    /**
     * What the proxy never forwards: connection-level headers (RFC 9110 §7.6.1), framing it redoes,
     * and {@code Accept-Encoding}, dropped as Pushpin does so an origin's GRIP body arrives
     * unencoded and published chunks can follow it.
     */
    private static final Set<String> DROPPED = Set.of("connection", "keep-alive", "proxy-connection",
        "proxy-authorization", "transfer-encoding", "te", "trailer", "upgrade", "expect", "accept-encoding",
        "content-length", "host");

    /** The GRIP features this proxy implements, advertised so origins can rely on them. */
    static final String FEATURES = "status, link:next, filter:skip-self, filter:skip-users, filter:require-sub";

    private final ForwardingPolicy forwarding;
    private final GripSigner defaultSigner;
    private final Map<String, GripSigner> routeSigners = new ConcurrentHashMap<>();

    OriginHeaders(ForwardingPolicy forwarding, GripSigner defaultSigner)
    {
        this.forwarding = forwarding;
        this.defaultSigner = defaultSigner;
    }

    /**
     * Fills {@code originHeaders} for {@code clientRequest} on {@code route}/{@code target};
     * {@code gripLast} maps channel to last id for a recovery request (empty otherwise).
     */
    void fill(HttpServletRequest clientRequest, Route route, Target target, Map<String, String> gripLast,
              HttpFields.Mutable originHeaders)
    {
        fill(clientRequest, route, target, gripLast, false, originHeaders);
    }

    /**
     * As above for an HTTP request, which may be a JSONP call: its {@code _headers} come first.
     * The origin is asked for {@code Accept: *}{@code /*} when the client names nothing (always for
     * a JSONP call), as Pushpin's HTTP client does.
     */
    void fillHttp(HttpServletRequest clientRequest, Route route, Target target, Map<String, String> gripLast,
                  Optional<JsonpCall> jsonp, HttpFields.Mutable originHeaders)
    {
        jsonp.ifPresent(call -> call.headers().forEach(h -> originHeaders.add(h.name(), h.value())));
        fill(clientRequest, route, target, gripLast, jsonp.isPresent(), originHeaders);
        if (!originHeaders.contains(HttpHeader.ACCEPT))
            originHeaders.add(HttpHeader.ACCEPT, "*/*");
    }

    private void fill(HttpServletRequest clientRequest, Route route, Target target, Map<String, String> gripLast,
                      boolean skipAccept, HttpFields.Mutable originHeaders)
    {
        Set<String> named = connectionNamed(clientRequest);
        for (String name : Collections.list(clientRequest.getHeaderNames()))
        {
            String lower = name.toLowerCase(Locale.ROOT);
            if (DROPPED.contains(lower) || named.contains(lower) || lower.startsWith("grip-")
                || skipAccept && lower.equals("accept"))
                continue;
            if (lower.equals("x-forwarded-for") && forwarding.rewritesFor())
                continue;
            if ((lower.equals("x-forwarded-proto") || lower.equals("x-forwarded-protocol")) && forwarding.stripsProto())
                continue;
            for (String value : Collections.list(clientRequest.getHeaders(name)))
                originHeaders.add(name, value);
        }
        String host = target.hostHeader().orElse(clientRequest.getHeader("Host"));
        if (host != null)
            originHeaders.put("Host", host);
        if (forwarding.rewritesFor())
        {
            String value = forwarding.forwardedFor(Collections.list(clientRequest.getHeaders("X-Forwarded-For")),
                clientRequest.getRemoteAddr());
            if (value != null)
                originHeaders.put("X-Forwarded-For", value);
        }
        if (clientRequest.isSecure() && forwarding.setProto())
        {
            originHeaders.put("X-Forwarded-Proto", "https");
            if (forwarding.setProtocol())
                originHeaders.put("X-Forwarded-Protocol", "https");
        }
        for (HeaderField header : route.headers())
        {
            if (header.value().isEmpty())
                originHeaders.remove(header.name());
            else
                originHeaders.put(header.name(), header.value());
        }
        originHeaders.put("Grip-Sig", signer(route).token());
        originHeaders.put("Grip-Feature", FEATURES);
        gripLast.forEach((channel, id) -> originHeaders.add("Grip-Last", channel + "; last-id=" + id));
    }

    /** Fresh {@code Grip-Sig} tokens for {@code route}, for connections that outlive one token. */
    Supplier<String> gripSig(Route route)
    {
        GripSigner signer = signer(route);
        return signer::token;
    }

    private GripSigner signer(Route route)
    {
        RouteOptions options = route.options();
        if (options.sigIss().isEmpty() && options.sigKey().isEmpty())
            return defaultSigner;
        String iss = options.sigIss().orElse(defaultSigner.iss());
        byte[] key = options.sigKey().orElse(defaultSigner.key());
        return routeSigners.computeIfAbsent(iss + '\u0000' + Base64.getEncoder().encodeToString(key),
            k -> new GripSigner(iss, key));
    }

    private static Set<String> connectionNamed(HttpServletRequest clientRequest)
    {
        List<String> values = Collections.list(clientRequest.getHeaders("Connection"));
        if (values.isEmpty())
            return Set.of();
        Set<String> names = new HashSet<>();
        for (String value : values)
        {
            for (String name : value.split(","))
                names.add(name.trim().toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
