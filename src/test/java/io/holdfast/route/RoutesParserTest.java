// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.holdfast.format.HeaderField;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Line grammar (sections, comments, quoting) and whole-file handling of {@link RoutesParser}. */
class RoutesParserTest
{
    static Route line(String text) throws RoutesException
    {
        return RoutesParser.parseLine(text, "routes", 1).orElseThrow();
    }

    @Test
    void shippedDefaultRoute() throws RoutesException
    {
        Route route = line("* test");
        assertEquals(new RouteCondition("", Optional.empty(), Optional.empty(), Optional.empty()), route.condition());
        assertEquals(List.of(Target.Kind.TEST), route.targets().stream().map(Target::kind).toList());
        assertEquals("routes", route.source());
        assertEquals(1, route.line());
    }

    @Test
    void domainIsKeptAsWritten() throws RoutesException
    {
        // Pushpin lowers the request host, not the routes file: capitals here never match
        assertEquals("API.Example.com", line("API.Example.com test").condition().domain());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "# comment", "   # indented comment", "#* test"})
    void blankAndCommentLinesYieldNoRoute(String text) throws RoutesException
    {
        assertEquals(Optional.empty(), RoutesParser.parseLine(text, "routes", 1));
    }

    @Test
    void sectionsAreSplitOnRunsOfSpacesAndCommentsEndTheLine() throws RoutesException
    {
        Route route = line("   a.test    127.0.0.1:80   127.0.0.1:81  # tried in order");
        assertEquals("a.test", route.condition().domain());
        assertEquals(List.of("127.0.0.1:80", "127.0.0.1:81"), route.targets().stream().map(Target::describe).toList());
    }

    @Test
    void hashEndsTheLineEvenInsideAValue() throws RoutesException
    {
        Route route = line("a.test 127.0.0.1:80,ssl#,insecure");
        assertTrue(route.targets().get(0).ssl());
        assertEquals(false, route.targets().get(0).insecure());
    }

    @Test
    void tabIsPartOfAValueNotASeparator() throws RoutesException
    {
        // Qt's toInt ignores the tab around the port, so this is port 80 (Pushpin accepts it too)
        assertEquals(80, line("a.test 127.0.0.1:80\t").targets().get(0).port());
        assertEquals("a\tb", line("a\tb test").condition().domain());
    }

    @Test
    void quotedPartsMayHoldSpacesCommasHashesAndEscapes() throws RoutesException
    {
        Route route = line("a.test,header=\"X-A: b, c # d\",prefix=\"q\\\"x\\\\y\" test");
        assertEquals(List.of(new HeaderField("X-A", "b, c # d")), route.headers());
        assertEquals("q\"x\\y", route.options().prefix());
    }

    @Test
    void quotesMayAppearAnywhereInAValue() throws RoutesException
    {
        assertEquals("prefix.test", line("pre\"fix\".test test").condition().domain());
        assertEquals("q.test", line("\"q.test\" test").condition().domain());
        assertEquals("a b.test", line("\"a b\".test test").condition().domain());
        assertEquals(List.of(new HeaderField("X-G", "q, #r")), line("a.test,header=X-G:\"q, #r\" test").headers());
    }

    @Test
    void quotedEqualsSignStillSplitsNameFromValue() throws RoutesException
    {
        assertEquals(List.of(new HeaderField("X=Y", "z")), line("a.test,\"header=X\"=Y:z test").headers());
        assertEquals(Optional.of("me=v"), line("a.test,\"id=me\"=v test").id());
    }

    @Test
    void propWithoutEqualsHasEmptyValue() throws RoutesException
    {
        assertEquals("", line("a.test,prefix test").options().prefix());
        assertTrue(line("a.test,debug= test").options().debug());
    }

    @Test
    void repeatedSingleValuePropReadsAsTheLastOne() throws RoutesException
    {
        assertEquals(Optional.of("b"), line("a.test,id=a,id=b test").id());
        assertEquals(Optional.of("/y"), line("a.test,path_beg=/x,path_beg=/y test").condition().pathBeg());
    }

    @Test
    void emptyInitialValueIsReReadAsAPropAtLineStart()
    {
        // "a=b" at the very start is an empty condition with prop a=b: Pushpin keeps it reachable
        // only by id; Holdfast routes by host, so it is an error
        RoutesException e = assertThrows(RoutesException.class, () -> line("a=b test"));
        assertEquals("routes:1: condition has no domain", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a.test a=b                  | expecting prop",
        "'  a=b test'                | expecting prop",
        "a.test test \"x=y\"         | expecting prop"})
    void equalsInALaterInitialValueIsExpectingProp(String text, String reason)
    {
        // Pushpin re-reads from before the separating spaces, finds an empty prop and fails
        RoutesException e = assertThrows(RoutesException.class, () -> line(text));
        assertEquals(reason, e.reason());
    }

    @Test
    void fileLinesAreNumberedFromOneAndBlankLinesCount() throws RoutesException
    {
        ParsedRoutes parsed = RoutesParser.parse("# routes\n\na.test 127.0.0.1:80\n   \nb.test test\n", "/etc/routes");
        assertEquals(List.of(3, 5), parsed.routes().stream().map(Route::line).toList());
        assertEquals(List.of("/etc/routes", "/etc/routes"), parsed.routes().stream().map(Route::source).toList());
        assertEquals(List.of(), parsed.warnings());
    }

    @Test
    void crlfLineEndingsAndByteOrderMarkAreAccepted() throws RoutesException
    {
        ParsedRoutes parsed = RoutesParser.parse("\uFEFFa.test 127.0.0.1:80\r\nb.test 127.0.0.1:81\r\n", "routes");
        assertEquals(List.of("a.test", "b.test"), parsed.routes().stream().map(r -> r.condition().domain()).toList());
        assertEquals(81, parsed.routes().get(1).targets().get(0).port());
    }

    @Test
    void emptyFileHasNoRoutes() throws RoutesException
    {
        assertEquals(new ParsedRoutes(List.of(), List.of()), RoutesParser.parse("", "routes"));
    }

    @Test
    void duplicateConditionIsSkippedWithAWarning() throws RoutesException
    {
        String text = String.join("\n",
            "a.test,path_beg=/x 127.0.0.1:80",
            "a.test,path_beg=/x,id=other 127.0.0.1:81",
            "a.test,path_beg=/x,ssl=no 127.0.0.1:82",
            "b.test,path_beg=/x 127.0.0.1:83",
            "* test",
            "*,id=dup test",
            "a.test,path_beg=/x,proto=http 127.0.0.1:84");
        ParsedRoutes parsed = RoutesParser.parse(text, "routes");
        assertEquals(List.of(1, 3, 4, 5, 7), parsed.routes().stream().map(Route::line).toList());
        assertEquals(List.of("routes:2: skipping duplicate condition", "routes:6: skipping duplicate condition"),
            parsed.warnings());
    }

    @Test
    void firstBadLineThrowsWithItsLocation()
    {
        RoutesException e = assertThrows(RoutesException.class,
            () -> RoutesParser.parse("* test\n\n# x\nbad.test\nworse", "conf/routes"));
        assertEquals("conf/routes:4: must specify condition and at least one target", e.getMessage());
        assertEquals("conf/routes", e.source());
        assertEquals(4, e.line());
        assertEquals("must specify condition and at least one target", e.reason());
    }

    @Test
    void resultListsAreImmutable() throws RoutesException
    {
        ParsedRoutes parsed = RoutesParser.parse("* test", "routes");
        assertThrows(UnsupportedOperationException.class, () -> parsed.routes().clear());
        assertThrows(UnsupportedOperationException.class, () -> parsed.warnings().add("x"));
    }
}
