// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;

import static io.holdfast.instruct.InstructTesting.bytes;
import static io.holdfast.instruct.InstructTesting.headers;
import static io.holdfast.instruct.InstructTesting.parse;
import static io.holdfast.instruct.InstructTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The header form's {@link ResponseSpec}: what a stream's first bytes, a long-poll's timeout
 * response or a no-hold rewrite carries. Header lists are the ones Pushpin 1.36 sent the client.
 */
class InstructResponseTest
{
    /** An origin response with Grip headers, framing headers and repeats interleaved. */
    private static final String[] ORIGIN = {"X-A", "1", "Content-Type", "text/plain", "Grip-Foo", "bar", "X-B", "2",
        "Connection", "keep-alive", "Keep-Alive", "timeout=5, max=100", "X-A", "3", "Cache-Control", "no-cache",
        "Content-Encoding", "identity", "Date", "Mon, 01 Jan 2024 00:00:00 GMT", "Server", "origin/1",
        "Content-Length", "6", "Transfer-Encoding", "chunked"};

    /** What the client got for ORIGIN, on a stream, a long-poll timeout and with no hold alike. */
    private static final String[] CLIENT = {"X-A", "1", "Content-Type", "text/plain", "X-B", "2", "X-A", "3",
        "Cache-Control", "no-cache", "Date", "Mon, 01 Jan 2024 00:00:00 GMT", "Server", "origin/1"};

    private static GripInstruction origin(String hold, String... extra) throws GripFormatException
    {
        List<String> all = new ArrayList<>(List.of(ORIGIN));
        if (!hold.isEmpty())
        {
            all.addAll(List.of("Grip-Hold", hold));
        }
        all.addAll(List.of("Grip-Channel", "c", "Grip-Timeout", "3"));
        all.addAll(List.of(extra));
        return parse("hello\n", all.toArray(String[]::new));
    }

    @Test
    void keepsOriginHeadersInOrderWithoutGripAndFraming() throws GripFormatException
    {
        for (String hold : new String[] {"stream", "response", ""})
        {
            ResponseSpec r = origin(hold).response();
            assertEquals(headers(CLIENT), r.headers(), hold);
            assertEquals("hello\n", text(r.body()));
            assertEquals(200, r.code());
            assertEquals(Optional.of("OK"), r.reason());
        }
    }

    @Test
    void keepsTheOriginsOwnStatusLine() throws GripFormatException
    {
        // Pushpin 1.36 timed out a long-poll from "202 Accepted-ish" with that very status line.
        ResponseSpec r = GripInstructionParser.parse(202, Optional.of("Accepted-ish"),
            headers("Grip-Hold", "response", "Grip-Channel", "r1"), bytes("timeout body\n")).response();
        assertEquals(202, r.code());
        assertEquals(Optional.of("Accepted-ish"), r.reason());
        assertEquals("timeout body\n", text(r.body()));
    }

    @Test
    void emptyOriginReasonMeansStandardPhrase() throws GripFormatException
    {
        assertEquals(Optional.empty(), GripInstructionParser.parse(404, Optional.of(""),
            headers("Grip-Channel", "a"), bytes("")).response().reason());
        assertEquals(Optional.empty(), GripInstructionParser.parse(404, Optional.empty(),
            headers("Grip-Channel", "a"), bytes("")).response().reason());
    }

    @Test
    void otherHopByHopHeadersPass() throws GripFormatException
    {
        // Pushpin 1.36 relayed these untouched.
        String[] hop = {"Upgrade", "h2c", "TE", "trailers", "Proxy-Connection", "keep-alive",
            "Proxy-Authenticate", "Basic", "Trailer", "X-T", "Vary", "Accept-Encoding"};
        assertEquals(headers(hop), parse("z", concat(new String[] {"Grip-Channel", "x"}, hop)).response().headers());
    }

    @Test
    void gripStatusOverridesCodeAndReason() throws GripFormatException
    {
        ResponseSpec r = parse("plain", "Grip-Status", "404").response();
        assertEquals(404, r.code());
        assertEquals(Optional.empty(), r.reason());

        r = parse("plain", "Grip-Status", "404 Nothing To See Here").response();
        assertEquals(404, r.code());
        assertEquals(Optional.of("Nothing To See Here"), r.reason());

        // Only the first space separates: Pushpin 1.36 sent "HTTP/1.1 404  Two Spaces".
        assertEquals(Optional.of(" Two Spaces"), parse("", "Grip-Status", "404  Two Spaces").response().reason());
        assertEquals(0, parse("", "Grip-Status", "0").response().code());
        assertEquals(999, parse("", "Grip-Status", "999 Max").response().code());
    }

    @Test
    void gripStatusAppliesToEveryHold() throws GripFormatException
    {
        for (String hold : new String[] {"stream", "response", ""})
        {
            ResponseSpec r = origin(hold, "Grip-Status", "418").response();
            assertEquals(418, r.code(), hold);
            assertEquals(Optional.empty(), r.reason(), hold);
        }
    }

    @Test
    void exposeHeadersKeepsOnlyTheNamedOnes() throws GripFormatException
    {
        // Pushpin 1.36: lists are comma-split, repeatable, any case; Content-Type was dropped.
        ResponseSpec r = parse("exp\n", "Grip-Hold", "stream", "Grip-Channel", "s1", "X-A", "1",
            "Content-Type", "text/plain", "X-B", "2", "Grip-Expose-Headers", "x-a, Grip-Channel",
            "Grip-Expose-Headers", "Content-Length", "Content-Length", "4").response();
        assertEquals(headers("X-A", "1"), r.headers());

        r = parse("exp\n", "Grip-Channel", "s1", "X-A", "1", "X-B", "2", "Grip-Expose-Headers", "X-B").response();
        assertEquals(headers("X-B", "2"), r.headers());
    }

    @Test
    void emptyExposeHeadersIsIgnoredButAnEmptyItemIsNot() throws GripFormatException
    {
        assertEquals(headers("X-A", "1"), parse("", "X-A", "1", "Grip-Expose-Headers", "").response().headers());
        assertEquals(headers(), parse("", "X-A", "1", "Grip-Expose-Headers", ",").response().headers());
    }

    @Test
    void bodyIsCopied() throws GripFormatException
    {
        byte[] body = bytes("abc");
        GripInstruction i = GripInstructionParser.parse(200, Optional.empty(), headers("Grip-Channel", "a"), body);
        body[0] = 'X';
        assertEquals("abc", text(i.response().body()));
    }

    private static String[] concat(String[] a, String[] b)
    {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
