// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link RouteTable} lookups. Routes use the target port as a label; the expected winners were
 * checked against Pushpin 1.36 with the same routes file.
 */
class RouteTableTest
{
    private static final String ROUTES = String.join("\n",
        "m1.test,path_beg=/abc 127.0.0.1:1",
        "m1.test,path_beg=/a,ssl=no 127.0.0.1:2",
        "m2.test,path_beg=/a,ssl=no 127.0.0.1:2",
        "m2.test,path_beg=/abc 127.0.0.1:1",
        "m3.test,path_beg=/abc 127.0.0.1:1",
        "m3.test,proto=http 127.0.0.1:2",
        "m4.test 127.0.0.1:1",
        "m4.test,ssl=no 127.0.0.1:2",
        "m6.test,proto=http,path_beg=/abc 127.0.0.1:1",
        "m6.test,proto=http,ssl=no 127.0.0.1:2",
        "m7.test,path_beg=/x 127.0.0.1:1",
        "m8.test,ssl=yes 127.0.0.1:1",
        "m9.test,proto=ws 127.0.0.1:1",
        "ws.test,proto=ws 127.0.0.1:1",
        "ws.test,proto=http 127.0.0.1:2",
        "ws.test 127.0.0.1:3",
        "p.test,path_beg=/a 127.0.0.1:1",
        "p.test,path_beg=/a/b 127.0.0.1:2",
        "p.test,path_beg=/a/b/c 127.0.0.1:3",
        "p.test 127.0.0.1:4",
        "UP.test 127.0.0.1:1",
        "enc.test,path_beg=/a%20b 127.0.0.1:1",
        "enc.test,path_beg=/A 127.0.0.1:2",
        "enc.test,path_beg=/a%2f 127.0.0.1:3",
        "enc.test 127.0.0.1:4",
        "*,path_beg=/ 127.0.0.1:9");

    private static RouteTable table() throws RoutesException
    {
        return RouteTable.of(RoutesParser.parse(ROUTES, "routes").routes());
    }

    private static int find(String host, String path, boolean ws, boolean ssl) throws RoutesException
    {
        return table().find(host, path, ws, ssl).map(r -> r.targets().get(0).port()).orElse(0);
    }

    @ParameterizedTest(name = "{0}{1} ws={2} ssl={3} -> {4}")
    @CsvSource({
        // a later, shorter path_beg with ssl beats an earlier longer one: Pushpin's scan is not a sort
        "m1.test, /abc, false, false, 2",
        "m2.test, /abc, false, false, 1",
        // proto beats path_beg
        "m3.test, /abc, false, false, 2",
        // ssl set beats ssl unset
        "m4.test, /, false, false, 2",
        "m4.test, /, false, true, 1",
        "m6.test, /abc, false, false, 2",
        "m6.test, /abc, false, true, 1",
        // a host with rules never falls back to the * rules
        "m7.test, /x/y, false, false, 1",
        "m7.test, /y, false, false, 0",
        "m8.test, /, false, false, 0",
        "m8.test, /, false, true, 1",
        "m9.test, /, false, false, 0",
        "m9.test, /, true, false, 1",
        "ws.test, /, true, false, 1",
        "ws.test, /, false, false, 2",
        // longest path_beg wins; matching is a plain prefix test
        "p.test, /a/b/c/d, false, false, 3",
        "p.test, /a/bc, false, false, 2",
        "p.test, /ab, false, false, 1",
        "p.test, /b, false, false, 4",
        "p.test, /A/b, false, false, 4",
        // unknown hosts use *; host compares in lower case, so 'UP.test' in the file never matches
        "other.test, /z, false, false, 9",
        "'', /z, false, false, 9",
        "up.test, /, false, false, 9",
        "UP.test, /, false, false, 9",
        "M4.TEST, /, false, false, 2",
        // matching uses Pushpin's encoded form of the path; path_beg is taken as written
        "enc.test, /a%20b/c, false, false, 1",
        "enc.test, /a b/c, false, false, 1",
        "enc.test, /%41, false, false, 2",
        "enc.test, /a%2fb, false, false, 4",
        "enc.test, /a%20B/c, false, false, 4"})
    void findsPushpinsChoice(String host, String path, boolean ws, boolean ssl, int port) throws RoutesException
    {
        assertEquals(port, find(host, path, ws, ssl));
    }

    @Test
    void noStarRuleMeansNoRouteForUnknownHosts() throws RoutesException
    {
        RouteTable table = RouteTable.of(RoutesParser.parse("a.test test", "routes").routes());
        assertEquals(Optional.empty(), table.find("b.test", "/", false, false));
        assertEquals(Optional.empty(), RouteTable.of(List.of()).find("a.test", "/", false, false));
    }

    @Test
    void starPathRulesDoNotCoverOtherPaths() throws RoutesException
    {
        RouteTable table = RouteTable.of(RoutesParser.parse("*,path_beg=/api test", "routes").routes());
        assertEquals(Optional.empty(), table.find("x.test", "/other", false, false));
    }

    @Test
    void firstOfEquallySpecificRulesWins() throws RoutesException
    {
        // the parser drops duplicates; a table built from them directly keeps the first
        Route first = RoutesParserTest.line("a.test 127.0.0.1:1");
        Route second = RoutesParserTest.line("a.test 127.0.0.1:2");
        assertEquals(Optional.of(first), RouteTable.of(List.of(first, second)).find("a.test", "/", false, false));
    }

    @Test
    void routesAndSizeKeepFileOrder() throws RoutesException
    {
        RouteTable table = table();
        List<Route> parsed = RoutesParser.parse(ROUTES, "routes").routes();
        assertEquals(parsed, table.routes());
        assertEquals(parsed.size(), table.size());
        assertThrows(UnsupportedOperationException.class, () -> table.routes().clear());
    }

    @Test
    void returnsTheRouteItself() throws RoutesException
    {
        RouteTable table = RouteTable.of(RoutesParser.parse("# x\na.test,id=api,path_beg=/api 127.0.0.1:1", "f").routes());
        Route route = table.find("a.test", "/api/x", false, false).orElseThrow();
        assertEquals(Optional.of("api"), route.id());
        assertEquals(2, route.line());
    }
}
