// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.wsevents;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.holdfast.format.GripFormatException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every way a body can be malformed, with the message that names what is wrong and where. */
class WsEventDecodeErrorTest
{
    private static String error(byte[] body)
    {
        return assertThrows(GripFormatException.class, () -> WsEventCodec.decode(body)).getMessage();
    }

    private static String error(String body)
    {
        return error(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Arguments malformed(String name, String body, String message)
    {
        return Arguments.of(name, body, message);
    }

    static Stream<Arguments> bodies()
    {
        return Stream.of(
            // event types: known names only, upper case, at the start of a line
            malformed("unknown type", "HELLO\r\n", "unknown event type \"HELLO\" at offset 0"),
            malformed("lower-case type", "OPEN\r\ntext 2\r\nhi\r\n", "unknown event type \"text\" at offset 6"),
            malformed("type with a suffix", "OPENX\r\n", "unknown event type \"OPENX\" at offset 0"),
            malformed("long name is cut", "X".repeat(40) + "\r\n",
                "unknown event type \"XXXXXXXXXXXXXXXX...\" at offset 0"),
            malformed("tab instead of space", "TEXT\t2\r\nhi\r\n", "unknown event type \"TEXT\\x092\" at offset 0"),
            malformed("non-ASCII type", "\u00ffOPEN\r\n", "unknown event type \"\\xffOPEN\" at offset 0"),
            malformed("blank line", "OPEN\r\n\r\n", "expected an event type at offset 6, found CR"),
            malformed("leading space", " OPEN\r\n", "expected an event type at offset 0, found space"),
            malformed("lone LF", "\n", "expected an event type at offset 0, found LF"),
            // the content length: bare hex digits between one space and CRLF
            malformed("length not hex", "TEXT zz\r\nhi\r\n",
                "TEXT event at offset 0: expected a hex content length at offset 5, found 'z'"),
            malformed("length missing", "TEXT \r\nhi\r\n",
                "TEXT event at offset 0: expected a hex content length at offset 5, found CR"),
            malformed("space at the end", "TEXT ",
                "TEXT event at offset 0: expected a hex content length at offset 5, found end of body"),
            malformed("negative length", "TEXT -1\r\nhi\r\n",
                "TEXT event at offset 0: expected a hex content length at offset 5, found '-'"),
            malformed("plus sign", "TEXT +2\r\nhi\r\n",
                "TEXT event at offset 0: expected a hex content length at offset 5, found '+'"),
            malformed("two spaces", "TEXT  2\r\nhi\r\n",
                "TEXT event at offset 0: expected a hex content length at offset 5, found space"),
            malformed("0x prefix", "TEXT 0x2\r\nhi\r\n",
                "TEXT event at offset 0: expected CRLF after the content length at offset 6, found 'x'"),
            malformed("space after length", "TEXT 2 \r\nhi\r\n",
                "TEXT event at offset 0: expected CRLF after the content length at offset 6, found space"),
            malformed("LF after length", "TEXT 2\nhi\n",
                "TEXT event at offset 0: expected CRLF after the content length at offset 6, found LF"),
            malformed("length beyond the data", "TEXT 9\r\nhi\r\n",
                "TEXT event at offset 0: content length 9 (hex) at offset 5 exceeds the 4 bytes left"),
            malformed("length of a megabyte", "BINARY f4240\r\nhi\r\n",
                "BINARY event at offset 0: content length f4240 (hex) at offset 7 exceeds the 4 bytes left"),
            malformed("length beyond 64 bits", "TEXT " + "f".repeat(20) + "\r\nhi\r\n",
                "TEXT event at offset 0: content length ffffffffffffffff... (hex) at offset 5 exceeds the 4 bytes left"),
            malformed("later event names its own offsets", "OPEN\r\nTEXT 5\r\nhello\r\nPING 9\r\nx\r\n",
                "PING event at offset 21: content length 9 (hex) at offset 26 exceeds the 3 bytes left"),
            // CRLF after the type line and after the content
            malformed("type at the end without CRLF", "OPEN", "OPEN event at offset 0: expected CRLF after the type "
                + "at offset 4, found end of body"),
            malformed("LF after the type", "OPEN\nTEXT 2\r\nhi\r\n",
                "OPEN event at offset 0: expected CRLF after the type at offset 4, found LF"),
            malformed("CR without LF", "OPEN\rX",
                "OPEN event at offset 0: expected CRLF after the type at offset 4, found CR and then 'X'"),
            malformed("CR at the end", "OPEN\r",
                "OPEN event at offset 0: expected CRLF after the type at offset 4, found CR and then end of body"),
            malformed("content not followed by CRLF", "TEXT 2\r\nhiXXTEXT 3\r\nend\r\n",
                "TEXT event at offset 0: expected CRLF after the content at offset 10, found 'X'"),
            malformed("content at the end without CRLF", "TEXT 2\r\nhi",
                "TEXT event at offset 0: expected CRLF after the content at offset 10, found end of body"),
            malformed("length takes the CRLF too", "TEXT 4\r\nhi\r\n",
                "TEXT event at offset 0: expected CRLF after the content at offset 12, found end of body"),
            malformed("LF after the content", "TEXT 2\r\nhi\n",
                "TEXT event at offset 0: expected CRLF after the content at offset 10, found LF"),
            malformed("content, then CR only", "BINARY 1\r\n\0\r",
                "BINARY event at offset 0: expected CRLF after the content at offset 11, found CR and then end of body"),
            // trailing bytes after the last well-formed event
            malformed("trailing garbage", "TEXT 2\r\nhi\r\ngarbage", "unknown event type \"garbage\" at offset 12"),
            malformed("trailing zero byte", "OPEN\r\n\0", "unknown event type \"\\x00\" at offset 6"),
            malformed("trailing CRLF", "TEXT 2\r\nhi\r\n\r\n", "expected an event type at offset 12, found CR"),
            // content that the event type does not allow
            malformed("one-byte close", "CLOSE 1\r\nx\r\n",
                "CLOSE event at offset 0: has 1 byte of content; it takes none or a 2-byte code and a reason"),
            malformed("open with content", "OPEN 3\r\nabc\r\n",
                "OPEN event at offset 0: has 3 bytes of content; it takes none"),
            malformed("disconnect with content", "OPEN\r\nDISCONNECT 1\r\nx\r\n",
                "DISCONNECT event at offset 6: has 1 byte of content; it takes none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void rejectsWithAMessageNamingWhatAndWhere(String name, String body, String message)
    {
        assertEquals(message, error(body));
    }

    @Test
    void bodyOverTheLimitIsRejectedBeforeReading()
    {
        byte[] body = new byte[WsEventCodec.MAX_BODY + 1];
        assertEquals("body of 1000001 bytes exceeds the limit of 1000000", error(body));
    }

    @Test
    void hugeDeclaredLengthIsRefusedWithoutAllocatingIt()
    {
        // 0x7fffffff bytes would not fit in the heap; the check must come before any copy
        assertEquals("BINARY event at offset 0: content length 7fffffff (hex) at offset 7 exceeds the 2 bytes left",
            error("BINARY 7fffffff\r\nab"));
    }
}
