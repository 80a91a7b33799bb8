// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SockJsFramesTest
{
    @Test
    void messageAndCloseFramesAsPushpinWritesThem()
    {
        assertEquals("a[\"welcome\"]", SockJsFrames.messages(List.of("welcome")));
        assertEquals("a[\"echo hello\",\"echo two\"]", SockJsFrames.messages(List.of("echo hello", "echo two")));
        assertEquals("a[\"pub \\\"q\\\" \u00e9 \\u0001\"]", SockJsFrames.messages(List.of("pub \"q\" \u00e9 \u0001")));
        assertEquals("c[4001,\"bye\"]", SockJsFrames.close(4001, "bye"));
        assertEquals("c[0,\"Connection closed\"]", SockJsFrames.close(0, "Connection closed"));
    }

    @Test
    void escapesWhatSockJsServersMustAndNothingElse()
    {
        assertEquals("\"a\\\\b\\n\\r\\t\\b\\f\"", SockJsFrames.quote("a\\b\n\r\t\b\f"));
        assertEquals("\"\\u2028\\u2029\\u200c\\u206f\\ufff0\\uffff\"", SockJsFrames.quote("\u2028\u2029\u200c\u206f\ufff0\uffff"));
        assertEquals("\"/\u007f\u00ad\u2027\u2030\"", SockJsFrames.quote("/\u007f\u00ad\u2027\u2030"));
        // A pair stays a character; a lone surrogate cannot be UTF-8, so it is escaped.
        assertEquals("\"\ud83d\ude00\"", SockJsFrames.quote("\ud83d\ude00"));
        assertEquals("\"\\ud83dx\\ude00\"", SockJsFrames.quote("\ud83dx\ude00"));
    }

    @Test
    void eachTransportFramesItsOwnWay()
    {
        String frame = SockJsFrames.messages(List.of("x"));
        assertEquals("a[\"x\"]\n", SockJsFrames.wrap(SockJsTransport.XHR, frame, null));
        assertEquals("a[\"x\"]\n", SockJsFrames.wrap(SockJsTransport.XHR_STREAMING, frame, null));
        assertEquals("/**/cb(\"a[\\\"x\\\"]\");\n", SockJsFrames.wrap(SockJsTransport.JSONP, frame, "cb"));
        assertEquals("/**/cb(\"o\");\n", SockJsFrames.wrap(SockJsTransport.JSONP, SockJsFrames.OPEN, "cb"));
        assertEquals("data: a[\"x\"]\r\n\r\n", SockJsFrames.wrap(SockJsTransport.EVENTSOURCE, frame, null));
    }

    @Test
    void eventSourcePercentEscapesWhatTheClientDecodes()
    {
        String frame = SockJsFrames.messages(List.of("100%41"));
        assertEquals("data: a[\"100%2541\"]\r\n\r\n", SockJsFrames.wrap(SockJsTransport.EVENTSOURCE, frame, null));
    }

    @Test
    void streamingPreludes()
    {
        assertEquals("h".repeat(2048) + "\n", SockJsFrames.prelude(SockJsTransport.XHR_STREAMING));
        assertEquals("\r\n", SockJsFrames.prelude(SockJsTransport.EVENTSOURCE));
        assertEquals("", SockJsFrames.prelude(SockJsTransport.XHR));
    }
}
