// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;

import static io.holdfast.instruct.InstructTesting.error;
import static io.holdfast.instruct.InstructTesting.stream;
import static io.holdfast.instruct.InstructTesting.streamError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every header-instruction error, with the message Pushpin 1.36 put in the debug-route 502 body
 * ({@code Failed to parse accept instructions: <message>}) for the same header.
 */
class HeaderInstructErrorsTest
{
    @Test
    void gripHold()
    {
        String msg = "Grip-Hold must be set to either 'response' or 'stream'";
        assertEquals(msg, error("", "Grip-Hold", "foo", "Grip-Channel", "a"));
        assertEquals(msg, error("", "Grip-Hold", "Stream", "Grip-Channel", "a"));
        assertEquals(msg, error("", "Grip-Hold", ""));
    }

    @Test
    void gripTimeout()
    {
        for (String bad : new String[] {"x", "", "5.5", "99999999999", "5s"})
        {
            assertEquals("failed to parse Grip-Timeout", error("", "Grip-Hold", "response", "Grip-Timeout", bad), bad);
        }
        assertEquals("Grip-Timeout has invalid value", error("", "Grip-Hold", "response", "Grip-Timeout", "-1"));
    }

    @Test
    void gripKeepAlive()
    {
        assertEquals("Grip-Keep-Alive cannot be empty", streamError("Grip-Keep-Alive", "; format=raw"));
        assertEquals("no such Grip-Keep-Alive mode 'Idle'", streamError("Grip-Keep-Alive", "x; mode=Idle"));
        assertEquals("no such Grip-Keep-Alive format 'hex'", streamError("Grip-Keep-Alive", "x; format=hex"));
        assertEquals("failed to parse Grip-Keep-Alive timeout value", streamError("Grip-Keep-Alive", "x; timeout=abc"));
        assertEquals("failed to parse Grip-Keep-Alive timeout value", streamError("Grip-Keep-Alive", "x; timeout"));
        assertEquals("Grip-Keep-Alive timeout has invalid value", streamError("Grip-Keep-Alive", "x; timeout=-2"));
    }

    @Test
    void gripKeepAliveCstring()
    {
        String msg = "failed to parse Grip-Keep-Alive cstring format";
        assertEquals(msg, streamError("Grip-Keep-Alive", "x\\; format=cstring"));
        assertEquals(msg, streamError("Grip-Keep-Alive", "x\\x4; format=cstring"));
        assertEquals(msg, streamError("Grip-Keep-Alive", "x\\xZZ; format=cstring"));
        assertEquals(msg, streamError("Grip-Keep-Alive", "\\x; format=cstring"));
    }

    @Test
    void gripSetMeta()
    {
        assertEquals("Grip-Set-Meta cannot be empty", streamError("Grip-Set-Meta", "a=1, , b=2"));
        assertEquals("Grip-Set-Meta cannot be empty", streamError("Grip-Set-Meta", ","));
    }

    @Test
    void gripStatus()
    {
        for (String bad : new String[] {"abc", "1000", "-1", "20x OK", "+"})
        {
            assertEquals("Grip-Status contains invalid status code", error("x", "Grip-Status", bad), bad);
        }
    }

    @Test
    void gripLink()
    {
        assertEquals("failed to parse Grip-Link value", streamError("Grip-Link", "/x; rel=next"));
        assertEquals("failed to parse Grip-Link value", streamError("Grip-Link", "<>; rel=next"));
        assertEquals("failed to parse Grip-Link value", streamError("Grip-Link", "<http://[bad; rel=next"));
        assertEquals("failed to parse Grip-Link timeout value", streamError("Grip-Link", "</n>; rel=next; timeout=x"));
        assertEquals("failed to parse Grip-Link timeout value", streamError("Grip-Link", "</n>; rel=next; timeout"));
        assertEquals("Grip-Link timeout has invalid value", streamError("Grip-Link", "</n>; rel=next; timeout=-1"));
    }

    @Test
    void gripLinkInvalidUri()
    {
        // Each of these was "Grip-Link contains invalid link" in Pushpin 1.36.
        for (String bad : new String[] {"http://[bad", "http://h:x/", "http://h:99999/", "http://exa mple.com/",
            "1http://x/", ":x"})
        {
            assertEquals("Grip-Link contains invalid link", streamError("Grip-Link", "<" + bad + ">; rel=next"), bad);
        }
    }

    @Test
    void lenientCasesThatPushpinAccepts() throws GripFormatException
    {
        // Each of these was accepted by Pushpin 1.36 (the stream was held).
        stream("Grip-Keep-Alive", "");
        stream("Grip-Keep-Alive", "x; timeout=\"3");
        stream("Grip-Set-Meta", "");
        stream("Grip-Set-Meta", ";");
        stream("Grip-Link", "<a b>; rel=next");
        stream("Grip-Link", "<%zz>; rel=next");
        stream("Grip-Link", "<http://h/\u00e9>; rel=next");
        stream("Grip-Link", "</a{b}>; rel=next");
        stream("Grip-Link", "garbage; rel=prev");
        stream("Grip-Link", "garbage");
        stream("Grip-Status", "");
        stream("Grip-Channel", "");
        stream("Grip-Expose-Headers", "");
    }

    @Test
    void headerErrorsComeInPushpinsOrder()
    {
        String[] all = {"Grip-Link", "bad; rel=next", "Grip-Status", "x", "Grip-Set-Meta", ",",
            "Grip-Keep-Alive", "; format=raw", "Grip-Timeout", "x", "Grip-Hold", "x"};
        assertTrue(error("", all).startsWith("Grip-Hold"));
        assertEquals("failed to parse Grip-Timeout", error("", Arrays.copyOf(all, 10)));
        assertEquals("Grip-Keep-Alive cannot be empty", error("", Arrays.copyOf(all, 8)));
        assertEquals("Grip-Set-Meta cannot be empty", error("", Arrays.copyOf(all, 6)));
        assertEquals("Grip-Status contains invalid status code", error("", Arrays.copyOf(all, 4)));
    }

    @Test
    void headerErrorsBeatJsonErrors()
    {
        // Pushpin 1.36 reported the Grip-Timeout error for a bad instruct body with a bad Grip-Timeout.
        assertEquals("failed to parse Grip-Timeout",
            InstructTesting.jsonError("{\"hold\": 3}", "Grip-Timeout", "x"));
        assertEquals("Grip-Hold must be set to either 'response' or 'stream'",
            InstructTesting.jsonError("not json", "Grip-Hold", "x"));
    }
}
