// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The routing table: finds the route for a request the way Pushpin's domain map does. Immutable and
 * safe to share between request threads; a reload builds a new table and swaps the reference.
 *
 * <p>Rules are grouped by domain in a hash map, each group an array of precomputed match keys in
 * file order. Within the group Pushpin keeps the first matching rule and lets a later one replace
 * it only when it is "more specific" (has {@code proto} where the current has none; else a longer
 * {@code path_beg}; else {@code ssl} where the current has none). That relation is not a total
 * order, so the result can depend on file order (a later {@code path_beg=/a,ssl=no} beats an earlier
 * {@code path_beg=/abc}); the scan is kept as is rather than replaced by a sort, to give Pushpin's
 * answer in every case.
 */
public final class RouteTable
{
    private static final Rule[] NO_RULES = new Rule[0];

    private final List<Route> routes;
    private final Map<String, Rule[]> byDomain;
    private final Rule[] defaultRules;

    private RouteTable(List<Route> routes, Map<String, Rule[]> byDomain)
    {
        this.routes = routes;
        this.byDomain = byDomain;
        this.defaultRules = byDomain.getOrDefault("", NO_RULES);
    }

    /** Builds a table from routes in file order (as {@link RoutesParser} returns them). */
    public static RouteTable of(List<Route> routes)
    {
        Map<String, List<Rule>> grouped = new LinkedHashMap<>();
        for (Route route : routes)
        {
            grouped.computeIfAbsent(route.condition().domain(), d -> new ArrayList<>()).add(Rule.of(route));
        }
        Map<String, Rule[]> byDomain = new HashMap<>();
        grouped.forEach((domain, rules) -> byDomain.put(domain, rules.toArray(NO_RULES)));
        return new RouteTable(List.copyOf(routes), Map.copyOf(byDomain));
    }

    /**
     * Finds the route for a request. A host with any rules is searched alone (no fall-back to
     * {@code *}); any other host uses the {@code *} rules.
     *
     * @param host request host without port; compared in lower case, as Pushpin's URL parsing
     *     lowers it (so a domain written with capitals in the routes file never matches)
     * @param encodedPath the request path, percent-encoded; normalized by {@link EncodedPaths}
     * @param webSocket whether the request is a WebSocket upgrade
     * @param ssl whether the client connection uses TLS
     * @return the best route, or empty for Pushpin's "No route for host" (502)
     */
    public Optional<Route> find(String host, String encodedPath, boolean webSocket, boolean ssl)
    {
        Rule[] rules = byDomain.get(host.toLowerCase(Locale.ROOT));
        if (rules == null)
        {
            rules = defaultRules;
        }
        String path = EncodedPaths.normalize(encodedPath);
        int proto = webSocket ? Rule.WS : Rule.HTTP;
        int tls = ssl ? Rule.YES : Rule.NO;
        Rule best = null;
        for (Rule rule : rules)
        {
            if (rule.matches(proto, tls, path) && (best == null || rule.isMoreSpecificThan(best)))
            {
                best = rule;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.route());
    }

    /** All routes, in file order. */
    public List<Route> routes()
    {
        return routes;
    }

    /** Number of routes. */
    public int size()
    {
        return routes.size();
    }

    /** A route's condition as small ints, so matching reads no Optionals. */
    private record Rule(Route route, int proto, int ssl, String pathBeg)
    {
        static final int ANY = -1;
        static final int HTTP = 0;
        static final int WS = 1;
        static final int NO = 0;
        static final int YES = 1;

        static Rule of(Route route)
        {
            RouteCondition c = route.condition();
            int proto = c.proto().map(p -> p == RouteCondition.Protocol.WS ? WS : HTTP).orElse(ANY);
            int ssl = c.ssl().map(s -> s ? YES : NO).orElse(ANY);
            return new Rule(route, proto, ssl, c.pathBeg().orElse(""));
        }

        boolean matches(int reqProto, int reqSsl, String path)
        {
            return (proto == ANY || proto == reqProto) && (ssl == ANY || ssl == reqSsl) && path.startsWith(pathBeg);
        }

        boolean isMoreSpecificThan(Rule other)
        {
            if (other.proto == ANY && proto != ANY)
            {
                return true;
            }
            if (other.proto != ANY && proto == ANY)
            {
                return false;
            }
            if (pathBeg.length() > other.pathBeg.length())
            {
                return true;
            }
            return other.ssl == ANY && ssl != ANY;
        }
    }
}
