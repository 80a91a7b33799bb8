// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;

import io.holdfast.route.PathRewriter;
import io.holdfast.route.Route;
import io.holdfast.route.RouteTable;
import io.holdfast.route.Target;

/**
 * Fetches a stream's next link (GRIP §9.2). A link on the proxy's own host is routed like a
 * client request (routes, path rewrites, the route's signature); a link elsewhere is fetched
 * directly, signed with the stream's route. Every request carries {@code Grip-Last} for the
 * channels with an id. The answer is collected whole (bounded) for the caller. Thread-safe.
 */
final class LinkFetcher
{
    private final Supplier<HttpClient> httpClient;
    private final Supplier<RouteTable> routes;
    private final OriginHeaders originHeaders;
    private final Consumer<Request> responseTimeout;

    LinkFetcher(Supplier<HttpClient> httpClient, Supplier<RouteTable> routes, OriginHeaders originHeaders,
                Consumer<Request> responseTimeout)
    {
        this.httpClient = httpClient;
        this.routes = routes;
        this.originHeaders = originHeaders;
        this.responseTimeout = responseTimeout;
    }

    /**
     * GETs {@code link} for {@code exchange}; {@code done} gets the collected answer, or null and
     * the failure.
     */
    void fetch(ProxyExchange exchange, URI link, Map<String, String> lastIds, BiConsumer<OriginCapture, Throwable> done)
    {
        Optional<Route> internal = Optional.empty();
        URI self = URI.create(exchange.clientRequest.getRequestURL().toString());
        if (sameAuthority(self, link))
            internal = routes.get().find(link.getHost(), link.getRawPath(), false, "https".equals(link.getScheme()));
        Route route = internal.orElse(exchange.route);
        String target = internal.flatMap(r -> originUri(r, link)).orElse(link.toString());
        Request request = httpClient.get().newRequest(target).method("GET").timeout(0, TimeUnit.MILLISECONDS)
            .headers(headers ->
            {
                headers.put("Host", link.getRawAuthority());
                headers.put("Grip-Sig", originHeaders.gripSig(route).get());
                headers.put("Grip-Feature", OriginHeaders.FEATURES);
                lastIds.forEach((channel, id) -> headers.add("Grip-Last", channel + "; last-id=" + id));
                route.headers().forEach(h ->
                {
                    if (!h.value().isEmpty())
                        headers.put(h.name(), h.value());
                });
            });
        responseTimeout.accept(request);
        request.send(new OriginCollector(done));
    }

    private static boolean sameAuthority(URI self, URI link)
    {
        return link.getScheme() != null && link.getScheme().equalsIgnoreCase(self.getScheme())
            && String.valueOf(link.getHost()).equalsIgnoreCase(self.getHost()) && port(link) == port(self);
    }

    private static int port(URI uri)
    {
        return uri.getPort() >= 0 ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
    }

    private static Optional<String> originUri(Route route, URI link)
    {
        Target target = route.targets().get(0);
        if (target.kind() != Target.Kind.HOST_PORT)
            return Optional.empty();
        return PathRewriter.rewrite(route, target, link.getRawPath()).map(path ->
            (target.ssl() ? "https://" : "http://") + target.host() + ":" + target.port() + path
                + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery()));
    }
}
