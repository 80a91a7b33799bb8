// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.holdfast.format.HeaderField;
import io.holdfast.format.browser.JsonpOptions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every condition prop and every target form and prop accepted by {@link RoutesParser}. */
class RoutesParserPropsTest
{
    private static final JsonpOptions.Mode EXTENDED = JsonpOptions.Mode.EXTENDED;

    private static Route line(String text) throws RoutesException
    {
        return RoutesParserTest.line(text);
    }

    private static RouteOptions options(String props) throws RoutesException
    {
        return line("a.test" + props + " test").options();
    }

    private static Target target(String text) throws RoutesException
    {
        return line("a.test " + text).targets().get(0);
    }

    @Test
    void noPropsGiveDefaults() throws RoutesException
    {
        RouteOptions o = options("");
        assertEquals(new RouteOptions(Optional.empty(), Optional.empty(), Optional.empty(), "", false, Optional.empty(), 0,
            Optional.empty(), false, false, JsonpOptions.DEFAULT, false, Optional.empty(), Optional.empty(), List.of(), false),
            o);
    }

    @Test
    void matchCriteria() throws RoutesException
    {
        RouteCondition c = line("a.test,proto=ws,ssl=yes,path_beg=/ws/ test").condition();
        assertEquals(new RouteCondition("a.test", Optional.of(RouteCondition.Protocol.WS), Optional.of(true), Optional.of("/ws/")), c);
        c = line("a.test,proto=http,ssl=no test").condition();
        assertEquals(Optional.of(RouteCondition.Protocol.HTTP), c.proto());
        assertEquals(Optional.of(false), c.ssl());
    }

    @Test
    void stringProps() throws RoutesException
    {
        RouteOptions o = options(",id=r1,sig_iss=iss,prefix=pp_,as_host=b.test:81,replace_beg=/v2,sockjs=/sjs,sockjs_as_path=/ws");
        assertEquals(Optional.of("r1"), o.id());
        assertEquals(Optional.of("iss"), o.sigIss());
        assertEquals("pp_", o.prefix());
        assertEquals(Optional.of("b.test:81"), o.asHost());
        assertEquals(Optional.of("/v2"), o.replaceBeg());
        assertEquals(Optional.of("/sjs"), o.sockjs());
        assertEquals(Optional.of("/ws"), o.sockjsAsPath());
    }

    @Test
    void emptyValuesThatPushpinTreatsAsAbsent() throws RoutesException
    {
        RouteOptions o = options(",id=,sig_iss=,as_host=,sockjs=,sockjs_as_path=,jsonp_cb=,jsonp_body=,jsonp_defcb=");
        assertEquals(Optional.empty(), o.id());
        assertEquals(Optional.empty(), o.sigIss());
        assertEquals(Optional.empty(), o.asHost());
        assertEquals(Optional.empty(), o.sockjs());
        assertEquals(Optional.empty(), o.sockjsAsPath());
        assertEquals(JsonpOptions.DEFAULT, o.jsonp());
    }

    @Test
    void emptyReplaceBegStaysPresentBecauseItStripsPathBeg() throws RoutesException
    {
        assertEquals(Optional.of(""), options(",path_beg=/api,replace_beg=").replaceBeg());
    }

    @ParameterizedTest
    @CsvSource({"orig_headers", "debug", "aco", "session", "no_grip"})
    void flagsCountByPresenceEvenWithAValue(String flag) throws RoutesException
    {
        Predicate<RouteOptions> get = switch (flag)
        {
            case "orig_headers" -> RouteOptions::origHeaders;
            case "debug" -> RouteOptions::debug;
            case "aco" -> RouteOptions::aco;
            case "session" -> RouteOptions::session;
            default -> RouteOptions::noGrip;
        };
        assertFalse(get.test(options("")));
        assertTrue(get.test(options("," + flag)));
        assertTrue(get.test(options("," + flag + "=no")));
    }

    @ParameterizedTest
    @CsvSource({"=0, 0", "=5, 5", "=+5, 5", "=\" 7\", 7", "=0012, 12"})
    void pathRemIsAQtStyleInteger(String value, int expected) throws RoutesException
    {
        assertEquals(expected, options(",path_rem" + value).pathRem());
    }

    @Test
    void sigKeyPlainTextIsUtf8() throws RoutesException
    {
        assertArrayEquals("clé".getBytes(StandardCharsets.UTF_8), options(",sig_key=clé").sigKey().orElseThrow());
        assertArrayEquals(new byte[0], options(",sig_key").sigKey().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"QUJD, ABC", "QUI=, AB", "QUI, AB", "QQ=, A", "'Q U\tJD', ABC", "QUJD=x, ABC", "Q, ''"})
    void sigKeyBase64DecodesLikeQt(String encoded, String expected) throws RoutesException
    {
        // Qt skips anything outside the alphabet, padding included, and never fails
        byte[] key = options(",sig_key=\"base64:" + encoded + "\"").sigKey().orElseThrow();
        assertEquals(expected, new String(key, StandardCharsets.US_ASCII));
    }

    @Test
    void sigKeyBase64MayBeBinary() throws RoutesException
    {
        assertArrayEquals(new byte[] {(byte) 0xff, 0, (byte) 0x80}, options(",sig_key=base64:/wCA").sigKey().orElseThrow());
    }

    @Test
    void jsonpProps() throws RoutesException
    {
        JsonpOptions j = options(",jsonp_mode=basic,jsonp_cb=cb,jsonp_body=b,jsonp_defcb=dcb,jsonp_defmethod=PUT").jsonp();
        assertEquals(new JsonpOptions(JsonpOptions.Mode.BASIC, "cb", Optional.of("b"), Optional.of("dcb"), Optional.of("PUT")), j);
        assertEquals(EXTENDED, options(",jsonp_mode=extended").jsonp().mode());
        // absent jsonp_defmethod: GET (extended) or POST (basic) is the consumer's default
        assertEquals(Optional.empty(), options(",jsonp_mode=basic").jsonp().defaultMethod());
    }

    @Test
    void headersSplitAtFirstColonAndLoseLeadingSpaces() throws RoutesException
    {
        assertEquals(List.of(new HeaderField("X-F", "a:b")), options(",header=X-F:a:b").headers());
        assertEquals(List.of(new HeaderField("X-C", "spaced")), options(",header=\"X-C:   spaced\"").headers());
        // only spaces are trimmed, as in Pushpin
        assertEquals(List.of(new HeaderField("X-D", "\ttab")), options(",header=X-D:\ttab").headers());
    }

    @Test
    void emptyHeaderValueMeansRemove() throws RoutesException
    {
        assertEquals(List.of(new HeaderField("X-E", "")), options(",header=X-E:").headers());
    }

    @Test
    void repeatedHeadersComeInPushpinsApplyOrder() throws RoutesException
    {
        // Pushpin applies the last written first and each replaces the name, so the first X-A wins
        // and the origin sees X-C, X-B, X-A (checked against Pushpin 1.36)
        assertEquals(List.of(new HeaderField("X-C", "3"), new HeaderField("X-B", "2"), new HeaderField("X-A", "1")),
            options(",header=X-A:1,header=X-B:2,header=X-C:3").headers());
        assertEquals(List.of(new HeaderField("X-A", "2"), new HeaderField("X-A", "1")),
            options(",header=X-A:1,header=X-A:2").headers());
    }

    @Test
    void unknownPropsAreIgnoredAsInPushpin() throws RoutesException
    {
        Route route = line("a.test,unknownprop=1,other 127.0.0.1:80,weird=2");
        assertEquals(options(""), route.options());
        assertEquals(target("127.0.0.1:80"), route.targets().get(0));
    }

    @Test
    void hostPortTarget() throws RoutesException
    {
        assertEquals(new Target(Target.Kind.HOST_PORT, "127.0.0.1", 8080, "", false, false, false, false, Optional.empty(),
            List.of(), false, false), target("127.0.0.1:8080"));
        assertEquals("origin.internal", target("origin.internal:1").host());
        assertEquals(65535, target("h:65535").port());
        assertEquals(80, target("h:+80").port());
        assertEquals("", target(":80").host());
    }

    @Test
    void testAndZhttpTargets() throws RoutesException
    {
        assertEquals(new Target(Target.Kind.TEST, "", 0, "", false, false, false, false, Optional.empty(), List.of(), false,
            false), target("test"));
        Target zhttp = target("zhttp/tcp://127.0.0.1:5000");
        assertEquals(Target.Kind.ZHTTP, zhttp.kind());
        assertEquals("tcp://127.0.0.1:5000", zhttp.spec());
        assertEquals("zhttp/tcp://127.0.0.1:5000", zhttp.describe());
        Target zhttpReq = target("zhttpreq/ipc:///tmp/w,ipc_file_mode=777");
        assertEquals(Target.Kind.ZHTTPREQ, zhttpReq.kind());
        assertEquals("ipc:///tmp/w", zhttpReq.spec());
    }

    @Test
    void targetProps() throws RoutesException
    {
        Target t = target("h:443,ssl,insecure,untrusted,trust_connect_host,host=api.test:8443,over_http,one_event");
        assertEquals(new Target(Target.Kind.HOST_PORT, "h", 443, "", true, true, true, true, Optional.of("api.test:8443"),
            List.of(), true, true), t);
    }

    @Test
    void targetSslCountsByPresence() throws RoutesException
    {
        // ssl=no on a target still means TLS (Pushpin 1.36 then fails against a plain origin)
        assertTrue(target("h:80,ssl=no").ssl());
        assertFalse(target("h:80").ssl());
    }

    @Test
    void targetSubsRepeatAndDropEmptyOnes() throws RoutesException
    {
        assertEquals(List.of("a", "b"), target("h:80,sub=a,sub=,sub=b").subs());
        assertEquals(Optional.empty(), target("h:80,host=").hostHeader());
    }

    @Test
    void targetsKeepTheirOrderAndOwnProps() throws RoutesException
    {
        Route route = line("a.test 127.0.0.1:80,sub=x test,ssl zhttp/tcp://h:1");
        assertEquals(List.of("127.0.0.1:80", "test", "zhttp/tcp://h:1"), route.targets().stream().map(Target::describe).toList());
        assertEquals(List.of("x"), route.targets().get(0).subs());
        assertTrue(route.targets().get(1).ssl());
        assertFalse(route.targets().get(2).ssl());
    }
}
