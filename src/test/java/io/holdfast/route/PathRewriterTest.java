// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link PathRewriter}. Each case is a condition section, the client path and the path Pushpin 1.36
 * requested from an echo origin ({@code FAIL} where it answered 502 "Error while proxying to
 * origin.") or, for the test target, the path its test handler saw (inferred from 200/404 answers).
 */
class PathRewriterTest
{
    private static Optional<String> rewrite(String condition, String target, String path) throws RoutesException
    {
        Route route = RoutesParserTest.line(condition + " " + target);
        return PathRewriter.rewrite(route, route.targets().get(0), path);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        // no rewrite props: the path goes out as Pushpin encodes it
        "a.test                                        => /p/q        => /p/q",
        "a.test                                        => //a/../b    => //a/../b",
        "a.test                                        => /a%7cb%41   => /a%7CbA",
        "a.test,path_beg=/api                          => /api/x      => /api/x",
        // path_rem counts characters; nothing left is sent as /, a relative rest fails
        "a.test,path_rem=4                             => /abc/def    => /def",
        "a.test,path_rem=100                           => /abc        => /",
        "a.test,path_rem=3                             => /abcdef     => FAIL",
        "a.test,path_rem=1                             => /abc        => FAIL",
        "a.test,path_rem=0                             => /abc        => /abc",
        // replace_beg swaps path_beg's length for its value, also mid-segment
        "a.test,path_beg=/api,replace_beg=/v2          => /api/x      => /v2/x",
        "a.test,path_beg=/api,replace_beg=/v2          => /apix       => /v2x",
        "a.test,path_beg=/api,replace_beg=/v2          => /api/x%2fy  => /v2/x%2Fy",
        "a.test,path_beg=/rb/,replace_beg=/echo/       => /rb/abc     => /echo/abc",
        "a.test,path_beg=/api,replace_beg=             => /api/x      => /x",
        "a.test,path_beg=/api,replace_beg=             => /api        => /",
        "a.test,path_beg=/api,replace_beg=/            => /api/x      => //x",
        "a.test,path_beg=/api,replace_beg=/            => /apix       => /x",
        "a.test,path_beg=/api/,replace_beg=x           => /api/y      => FAIL",
        // with replace_beg present path_rem is ignored, whatever the prop order
        "a.test,path_beg=/api,path_rem=1,replace_beg=/z => /api/x     => /z/x",
        "a.test,replace_beg=/pre,path_rem=2            => /abc        => /pre/abc",
        // replace_beg without path_beg only prepends
        "a.test,replace_beg=/pre                       => /x          => /pre/x",
        // the result passes Qt's strict URL check or is dropped (sent as /); then it is encoded
        "`a.test,replace_beg=\"/a b\"`                 => /x          => /",
        "a.test,replace_beg=/%zz                       => /x          => /",
        "a.test,replace_beg=/a^b                       => /x          => /",
        "`a.test,replace_beg=/a\"|\"b`                 => /x          => /",
        "a.test,replace_beg=/%7a%zz                    => /x          => /",
        "a.test,replace_beg=/ü                         => /x          => /%C3%BC/x",
        "a.test,replace_beg=/a%20b                     => /x          => /a%20b/x",
        "a.test,replace_beg=/a?b                       => /x          => /a%3Fb/x",
        "`a.test,replace_beg=\"/a#b\"`                 => /x          => /a%23b/x",
        "`a.test,replace_beg=\"/a,b\"`                 => /x          => /a,b/x",
        "a.test,replace_beg=/a%2fb%7e                  => /x          => /a%2Fb~/x",
        "a.test,replace_beg=/%41[]@:!$&()*+;=~'x       => /x          => /A[]@:!$&()*+;=~'x/x"})
    void originPath(String condition, String path, String expected) throws RoutesException
    {
        Optional<String> want = expected.equals("FAIL") ? Optional.empty() : Optional.of(expected);
        assertEquals(want, rewrite(condition, "127.0.0.1:80", path));
    }

    @ParameterizedTest(name = "{0} {1} -> [{2}]")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        // path_beg is stripped, one character less when it ends in /
        "a.test,path_beg=/foo                          => /foo/       => /",
        "a.test,path_beg=/foo                          => /foo        => ``",
        "a.test,path_beg=/foo                          => /foox       => x",
        "a.test,path_beg=/foo/                         => /foo/       => /",
        "a.test,path_beg=/foo/                         => /foo/stream => /stream",
        "a.test,path_beg=/                             => /response   => /response",
        "a.test                                        => /x          => /x",
        "a.test                                        => /           => /",
        // path_rem and replace_beg apply first, then path_beg's length comes off the result
        "a.test,path_rem=4                             => /foo/       => /",
        "a.test,path_rem=1                             => /x          => x",
        "a.test,path_rem=1                             => //          => /",
        "a.test,path_beg=/foo,replace_beg=/barbaz      => /foo/       => baz/",
        "a.test,path_beg=/foo/,replace_beg=/a/b/c      => /foo/x      => /cx"})
    void testTargetPath(String condition, String path, String expected) throws RoutesException
    {
        assertEquals(Optional.of(expected), rewrite(condition, "test", path));
    }

    @Test
    void onlyTheTestTargetStripsPathBeg() throws RoutesException
    {
        Route route = RoutesParserTest.line("a.test,path_beg=/foo test zhttp/tcp://h:1 zhttpreq/tcp://h:2 127.0.0.1:80");
        assertEquals(Optional.of("/"), PathRewriter.rewrite(route, route.targets().get(0), "/foo/"));
        for (Target target : route.targets().subList(1, 4))
        {
            assertEquals(Optional.of("/foo/"), PathRewriter.rewrite(route, target, "/foo/"), target.describe());
        }
    }

    @Test
    void emptyClientPathIsSentAsSlash() throws RoutesException
    {
        assertEquals(Optional.of("/"), rewrite("a.test", "127.0.0.1:80", ""));
    }
}
