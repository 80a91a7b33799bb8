// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.holdfast.format.HeaderField;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link CorsHeaders}: each CORS header, its default, its order, and when it is left out. */
class CorsHeadersTest
{
    private static final CorsRequest PLAIN = new CorsRequest(Optional.empty(), Optional.empty(), List.of());

    private static HeaderField h(String name, String value)
    {
        return new HeaderField(name, value);
    }

    @Test
    void plainRequestAndBareResponseGetTheDefaults()
    {
        assertEquals(List.of(
                h("Access-Control-Allow-Methods", "OPTIONS, HEAD, GET, POST, PUT, DELETE"),
                h("Access-Control-Allow-Credentials", "true"),
                h("Access-Control-Allow-Origin", "*"),
                h("Access-Control-Max-Age", "3600")),
            CorsHeaders.additions(PLAIN, List.of()));
    }

    @Test
    void preflightValuesAreEchoed()
    {
        CorsRequest preflight = new CorsRequest(Optional.of("http://ex.com"), Optional.of("PUT"), List.of("X-A, X-B", "X-C"));
        assertEquals(List.of(
                h("Access-Control-Allow-Methods", "PUT"),
                h("Access-Control-Allow-Headers", "X-A, X-B, X-C"),
                h("Access-Control-Expose-Headers", "X-Custom"),
                h("Access-Control-Allow-Credentials", "true"),
                h("Access-Control-Allow-Origin", "http://ex.com"),
                h("Access-Control-Max-Age", "3600")),
            CorsHeaders.additions(preflight, List.of(h("Content-Type", "application/json"), h("X-Custom", "1"))));
    }

    @Test
    void exposedNamesAreDistinctIgnoringCaseFirstSpellingKept()
    {
        List<HeaderField> response = List.of(h("Server", "s"), h("Date", "d"), h("X-A", "1"), h("x-a", "2"), h("X-A", "3"),
            h("Set-Cookie", "a=1"), h("Set-Cookie", "b=2"), h("Cache-Control", "no-cache"));
        assertEquals(h("Access-Control-Expose-Headers", "Server, Date, X-A, Set-Cookie"),
            CorsHeaders.additions(PLAIN, response).get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cache-Control", "content-language", "CONTENT-LENGTH", "Content-Type", "Expires", "Last-Modified",
        "Pragma", "Access-Control-Foo", "access-control-allow-origin", "Grip-Hold", "grip-channel", "Connection",
        "keep-alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade"})
    void namesThatAreNeverExposed(String name)
    {
        List<HeaderField> added = CorsHeaders.additions(PLAIN, List.of(h(name, "v")));
        assertEquals(0, added.stream().filter(a -> a.is("Access-Control-Expose-Headers")).count(), name);
        List<HeaderField> mixed = CorsHeaders.additions(PLAIN, List.of(h(name, "v"), h("X-Mine", "1")));
        assertEquals(h("Access-Control-Expose-Headers", "X-Mine"), mixed.get(1), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"access-control-allow-methods", "ACCESS-CONTROL-ALLOW-HEADERS", "Access-Control-Expose-Headers",
        "access-control-allow-credentials", "Access-Control-Allow-Origin", "access-control-max-age"})
    void headersTheResponseSetsAreLeftAlone(String name)
    {
        CorsRequest full = new CorsRequest(Optional.of("http://o"), Optional.of("GET"), List.of("X-H"));
        List<HeaderField> response = List.of(h(name, "mine"), h("X-Other", "1"));
        List<HeaderField> expected = new ArrayList<>(List.of(
            h("Access-Control-Allow-Methods", "GET"),
            h("Access-Control-Allow-Headers", "X-H"),
            h("Access-Control-Expose-Headers", "X-Other"),
            h("Access-Control-Allow-Credentials", "true"),
            h("Access-Control-Allow-Origin", "http://o"),
            h("Access-Control-Max-Age", "3600")));
        expected.removeIf(e -> e.is(name));
        assertEquals(expected, CorsHeaders.additions(full, response));
    }

    @Test
    void backendsOwnAllowOriginWithRepeatedHeaders()
    {
        List<HeaderField> response = List.of(h("Date", "D"), h("X-A", "1"), h("x-a", "2"), h("Set-Cookie", "a=1"),
            h("Set-Cookie", "b=2"), h("Cache-Control", "no-store"), h("Access-Control-Allow-Origin", "https://mine"));
        assertEquals(List.of(
                h("Access-Control-Allow-Methods", "OPTIONS, HEAD, GET, POST, PUT, DELETE"),
                h("Access-Control-Expose-Headers", "Date, X-A, Set-Cookie"),
                h("Access-Control-Allow-Credentials", "true"),
                h("Access-Control-Max-Age", "3600")),
            CorsHeaders.additions(new CorsRequest(Optional.of("http://ex.com"), Optional.empty(), List.of()), response));
    }

    @Test
    void applyAppendsTheAdditionsToTheResponse()
    {
        List<HeaderField> response = List.of(h("Content-Type", "text/plain"), h("X-B", "1"),
            h("Access-Control-Max-Age", "10"));
        CorsRequest request = new CorsRequest(Optional.of("http://ex.com"), Optional.empty(), List.of());
        List<HeaderField> expected = new ArrayList<>(response);
        expected.addAll(List.of(
            h("Access-Control-Allow-Methods", "OPTIONS, HEAD, GET, POST, PUT, DELETE"),
            h("Access-Control-Expose-Headers", "X-B"),
            h("Access-Control-Allow-Credentials", "true"),
            h("Access-Control-Allow-Origin", "http://ex.com")));
        assertEquals(expected, CorsHeaders.apply(request, response));
        assertEquals(CorsHeaders.additions(PLAIN, List.of()), CorsHeaders.apply(PLAIN, List.of()));
    }

    @Test
    void requestKeepsItsOwnCopyOfTheRequestHeaders()
    {
        List<String> values = new ArrayList<>(List.of("X-A"));
        CorsRequest request = new CorsRequest(Optional.empty(), Optional.empty(), values);
        values.add("X-B");
        assertEquals(List.of("X-A"), request.requestHeaders());
        assertEquals(h("Access-Control-Allow-Headers", "X-A"), CorsHeaders.additions(request, List.of()).get(1));
    }
}
