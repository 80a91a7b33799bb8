// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.holdfast.format.HeaderField;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link JsonpCallParser}: when a GET is a JSONP call, every param it consumes, and every rejection. */
class JsonpCallParserTest
{
    private static final JsonpOptions.Mode EXTENDED = JsonpOptions.Mode.EXTENDED;
    private static final JsonpOptions DEFAULT = JsonpOptions.DEFAULT;
    /** {@code jsonp_body=b} with {@code jsonp_defcb=defcb}. */
    private static final JsonpOptions BODY = new JsonpOptions(EXTENDED, "callback", Optional.of("b"), Optional.of("defcb"),
        Optional.empty());

    private static JsonpCall call(String query, JsonpOptions options) throws JsonpRejected
    {
        return JsonpCallParser.parse("GET", query, options).orElseThrow();
    }

    private static String rejected(String query, JsonpOptions options)
    {
        return assertThrows(JsonpRejected.class, () -> JsonpCallParser.parse("GET", query, options)).getMessage();
    }

    /** Percent-encodes everything but unreserved characters. */
    private static String pct(String text)
    {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8))
        {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0)
                out.append((char) c);
            else
                out.append(String.format("%%%02X", c));
        }
        return out.toString();
    }

    private static HeaderField h(String name, String value)
    {
        return new HeaderField(name, value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"POST|callback=cb", "get|callback=cb", "HEAD|callback=cb", "GET|''", "GET|callbacks=cb",
        "GET|xcallback=cb", "GET|a=callback", "GET|_body=x", "GET|b=x", "GET|_method=PUT&_headers=%7B%7D"})
    void ordinaryRequests(String method, String query) throws JsonpRejected
    {
        assertEquals(Optional.empty(), JsonpCallParser.parse(method, query, DEFAULT));
    }

    @Test
    void noQueryIsNotACall() throws JsonpRejected
    {
        assertEquals(Optional.empty(), JsonpCallParser.parse("GET", null, DEFAULT));
        assertEquals(Optional.empty(), JsonpCallParser.parse("GET", null, BODY));
    }

    @Test
    void bodyParamActivatesOnlyWithADefaultCallbackOnAGet() throws JsonpRejected
    {
        JsonpOptions noDefault = new JsonpOptions(EXTENDED, "callback", Optional.of("b"), Optional.empty(), Optional.empty());
        JsonpOptions noBodyParam = new JsonpOptions(EXTENDED, "callback", Optional.empty(), Optional.of("d"), Optional.empty());
        assertEquals(Optional.empty(), JsonpCallParser.parse("GET", "b=x", noDefault));
        assertEquals(Optional.empty(), JsonpCallParser.parse("GET", "_body=x", noBodyParam));
        assertEquals(Optional.empty(), JsonpCallParser.parse("POST", "b=x", BODY));
        assertEquals(Optional.empty(), JsonpCallParser.parse("GET", "_body=x&bb=x", BODY));
    }

    @Test
    void plainCall() throws JsonpRejected
    {
        JsonpCall c = call("callback=cb", DEFAULT);
        assertEquals("cb", c.callback());
        assertEquals(true, c.extended());
        assertEquals("GET", c.method());
        assertEquals(Optional.empty(), c.query());
        assertEquals(List.of(), c.headers());
        assertArrayEquals(new byte[0], c.body());
    }

    @Test
    void callbackParamKeyAndValueArePercentDecoded() throws JsonpRejected
    {
        assertEquals("a.b[0]", call("%63allback=a%2Eb%5B0%5D", DEFAULT).callback());
        assertEquals("$_.[]azAZ09", call("callback=$_.[]azAZ09", DEFAULT).callback());
    }

    @Test
    void callbackParamIsTheRoutes() throws JsonpRejected
    {
        JsonpOptions jsonp = new JsonpOptions(EXTENDED, "jsonp", Optional.empty(), Optional.empty(), Optional.empty());
        JsonpCall c = call("jsonp=f&callback=g", jsonp);
        assertEquals("f", c.callback());
        assertEquals(Optional.of("callback=g"), c.query());
        assertEquals(Optional.empty(), JsonpCallParser.parse("GET", "callback=g", jsonp));
        assertEquals("cb", call("callback=cb&b=x", BODY).callback());
        assertEquals("a", call("callback=a&x=1&callback=b", DEFAULT).callback());
        assertEquals(Optional.of("x=1"), call("callback=a&x=1&callback=b", DEFAULT).query());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "callback=|Invalid callback parameter.",
        "callback|Invalid callback parameter.",
        "callback=a+b|Invalid callback parameter.",
        "callback=a%20b|Invalid callback parameter.",
        "callback=a-b|Invalid callback parameter.",
        "callback=alert(1)|Invalid callback parameter.",
        "callback=%zz|Invalid callback parameter.",
        "callback=%C3%A9|Invalid callback parameter.",
        "callback=a%3Bb|Invalid callback parameter.",
        "callback=a%00|Invalid callback parameter.",
        "callback=&_method=|Invalid callback parameter.",
        "callback=cb&_method=|Invalid _method parameter.",
        "callback=cb&_method|Invalid _method parameter.",
        "callback=cb&_method=GE%20T|Invalid _method parameter.",
        "callback=cb&_method=%C3%A9|Invalid _method parameter.",
        "callback=cb&_method=G(ET|Invalid _method parameter.",
        "callback=cb&_method=a%2Cb|Invalid _method parameter.",
        "callback=cb&_method=%7F|Invalid _method parameter.",
        "callback=cb&_method=&_headers=x|Invalid _method parameter.",
        "callback=cb&_headers|Invalid _headers parameter.",
        "callback=cb&_headers=x&_body=|Invalid _headers parameter.",
        "callback=cb&_body|Invalid _body parameter.",
        "callback=cb&_body=|Invalid _body parameter.",
        "callback=cb&_body=&_body=x|Invalid _body parameter."})
    void rejections(String query, String message)
    {
        assertEquals(message, rejected(query, DEFAULT));
    }

    @Test
    void methodParam() throws JsonpRejected
    {
        assertEquals("DELETE", call("callback=cb&%5Fmethod=DELETE", DEFAULT).method());
        String token = "!#$%&'*+-.^_`|~Az09";
        assertEquals(token, call("callback=cb&_method=" + pct(token), DEFAULT).method());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"EXTENDED||''|GET", "BASIC||''|POST", "EXTENDED|PATCH|''|PATCH", "BASIC|PATCH|''|PATCH",
        "BASIC|PATCH|&_method=PUT|PUT", "EXTENDED||&_method=POST|POST"})
    void methodDefaults(JsonpOptions.Mode mode, String defaultMethod, String extra, String expected) throws JsonpRejected
    {
        JsonpOptions options = new JsonpOptions(mode, "callback", Optional.empty(), Optional.empty(), Optional.ofNullable(defaultMethod));
        JsonpCall c = call("callback=cb" + extra, options);
        assertEquals(expected, c.method());
        assertEquals(mode == EXTENDED, c.extended());
    }

    @Test
    void headersAreSortedWithoutHostAndAccept() throws JsonpRejected
    {
        String json = "{\"X-B\":\"2\",\"Host\":\"h\",\"ACCEPT\":\"x\",\"X-A\":\"1\",\"b\":\"3\",\"accept-language\":\"en\","
            + "\"HOST\":\"h2\",\"X-T\":\"a\\tb \u00e9\"}";
        assertEquals(List.of(h("X-A", "1"), h("X-B", "2"), h("X-T", "a\tb \u00e9"), h("accept-language", "en"), h("b", "3")),
            call("callback=cb&_headers=" + pct(json), DEFAULT).headers());
        assertEquals(List.of(), call("callback=cb&_headers=%7B%7D", DEFAULT).headers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "[{\"A\":\"x\"}]", "\"x\"", "{", "not json", "{\"A\":1}", "{\"A\":null}", "{\"A\":true}",
        "{\"A\":[\"x\"]}", "{\"A\":{}}", "{\"A B\":\"x\"}", "{\"\":\"x\"}", "{\"A:\":\"x\"}", "{\"A\u00e9\":\"x\"}",
        "{\"A\":\"x\\r\"}", "{\"A\":\"x\\ny\"}", "{\"A\":\"\\u0000\"}", "{\"Host\":1}", "{\"A\":\"1\"} x"})
    void invalidHeaders(String json)
    {
        assertEquals("Invalid _headers parameter.", rejected("callback=cb&_headers=" + pct(json), DEFAULT));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"hi%20there|hi there", "a+b%zz%%41%2|a+b%zz%A%2", "%e2%82%AC|\u20ac", "%|%", "%4|%4"})
    void bodyIsPercentDecodedWithoutPlusForSpace(String raw, String expected) throws JsonpRejected
    {
        JsonpCall c = call("callback=cb&_body=" + raw, DEFAULT);
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), c.body());
        assertEquals(List.of(), c.headers());
    }

    @Test
    void bodyMayBeAnyBytesAndTheFirstOneCounts() throws JsonpRejected
    {
        assertArrayEquals(new byte[] {(byte) 0xff, 0}, call("callback=cb&_body=%FF%00&_body=x", DEFAULT).body());
    }

    @Test
    void bodyParamWithDefaultCallback() throws JsonpRejected
    {
        JsonpCall c = call("b=%7B%22k%22%3A1%7D&_body=kept", BODY);
        assertEquals("defcb", c.callback());
        assertEquals("GET", c.method());
        assertEquals(Optional.of("_body=kept"), c.query());
        assertEquals(List.of(h("Content-Type", "application/json")), c.headers());
        assertArrayEquals("{\"k\":1}".getBytes(StandardCharsets.UTF_8), c.body());
    }

    @Test
    void bodyParamReplacesContentTypeLast() throws JsonpRejected
    {
        String json = pct("{\"content-type\":\"text/plain\",\"Z\":\"1\",\"A\":\"2\",\"CONTENT-TYPE\":\"x\"}");
        assertEquals(List.of(h("A", "2"), h("Z", "1"), h("Content-Type", "application/json")),
            call("callback=cb&_headers=" + json + "&b=1", BODY).headers());
    }

    @Test
    void withoutItsValueTheBodyParamChangesNothing() throws JsonpRejected
    {
        JsonpCall c = call("callback=cb&_headers=" + pct("{\"Content-Type\":\"text/plain\"}") + "&_body=x", BODY);
        assertEquals(List.of(h("Content-Type", "text/plain")), c.headers());
        assertArrayEquals(new byte[0], c.body());
        assertEquals(Optional.of("_body=x"), c.query());
    }

    @ParameterizedTest
    @ValueSource(strings = {"b=", "b", "callback=cb&b=", "callback=cb&b=&_body=x", "b=&b=x"})
    void emptyBodyParam(String query)
    {
        assertEquals("Invalid body parameter.", rejected(query, BODY));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a=1&callback=cb&_method=PUT&_headers=%7B%7D&_body=hi%20there&z=%2B|a=1&z=%2B",
        "a&&b&callback=cb&|a&b",
        "callback=cb|-",
        "&callback=cb&&|-",
        "callback=cb&_method=PUT&_headers=%7B%7D&_body=x|-",
        "%61=%20&callback=cb&c=|%61=%20&c=",
        "x=callback&callback=cb|x=callback",
        "a=%zz&callback=cb&a=2&=|a=%zz&a=2&=",
        "callback=cb&%5Fbody=x&_bod=y|_bod=y"})
    void restOfTheQueryKeepsOrderAndSpelling(String query, String rest) throws JsonpRejected
    {
        assertEquals(rest.equals("-") ? Optional.empty() : Optional.of(rest), call(query, DEFAULT).query());
    }

    @Test
    void defaultOptionsAndImmutableCall()
    {
        assertEquals(new JsonpOptions(EXTENDED, "callback", Optional.empty(), Optional.empty(), Optional.empty()), DEFAULT);
        List<HeaderField> headers = new ArrayList<>(List.of(h("A", "1")));
        JsonpCall c = new JsonpCall("cb", false, "POST", Optional.of("q"), headers, new byte[] {1});
        headers.add(h("B", "2"));
        assertEquals(List.of(h("A", "1")), c.headers());
        assertThrows(UnsupportedOperationException.class, () -> c.headers().add(h("C", "3")));
    }
}
