// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.util.List;

import io.holdfast.format.browser.QtJson;

/**
 * SockJS frames (protocol 0.3.3) and how each HTTP transport carries them:
 * <pre>
 *   o                   the session is open
 *   h                   heartbeat
 *   a["m1","m2"]        messages, each a JSON string
 *   c[3000,"Go away!"]  the session is closed
 *
 *   xhr, xhr_streaming  frame + "\n"
 *   jsonp               /&#42;&#42;/callback("frame as a JSON string");\n
 *   eventsource         data: frame\r\n\r\n  (%, CR, LF and NUL percent-escaped)
 * </pre>
 * Strings are JSON-quoted as SockJS servers must: besides what JSON requires, the characters that
 * browsers mangle on the way (U+2028 and friends, U+FFF0 and above) and lone surrogates are
 * escaped. Pure; thread-safe.
 */
final class SockJsFrames
{
    static final String OPEN = "o";
    static final String HEARTBEAT = "h";
    /** xhr_streaming starts with 2 KiB of {@code h} so old browsers start handing over the body. */
    private static final String XHR_STREAMING_PRELUDE = "h".repeat(2048) + "\n";
    private SockJsFrames()
    {
    }

    static String messages(List<String> messages)
    {
        StringBuilder frame = new StringBuilder("a[");
        for (int i = 0; i < messages.size(); i++)
        {
            if (i > 0)
                frame.append(',');
            quote(messages.get(i), frame);
        }
        return frame.append(']').toString();
    }

    /** A close frame; the code and reason are what the session was closed with. */
    static String close(int code, String reason)
    {
        StringBuilder frame = new StringBuilder("c[").append(code).append(',');
        quote(reason, frame);
        return frame.append(']').toString();
    }

    /** What a streaming response starts with, before any frame. */
    static String prelude(SockJsTransport transport)
    {
        return switch (transport)
        {
            case XHR_STREAMING -> XHR_STREAMING_PRELUDE;
            case EVENTSOURCE -> "\r\n";
            default -> "";
        };
    }

    /**
     * {@code frame} as {@code transport} puts it in a response body; a JSONP request's callback
     * (null for none) wraps it in a call, as Pushpin does for any request that named one.
     */
    static String wrap(SockJsTransport transport, String frame, String callback)
    {
        if (callback != null)
            return "/**/" + callback + "(" + quote(frame) + ");\n";
        if (transport == SockJsTransport.EVENTSOURCE)
            return "data: " + eventSourceEscape(frame) + "\r\n\r\n";
        return frame + "\n";
    }

    /**
     * The client URI-decodes every event (sockjs-client's EventSource receiver), so a {@code %} must
     * arrive as {@code %25}; line breaks would end the event. JSON frames have none raw, but a
     * message's {@code %} is sent as it is.
     */
    private static String eventSourceEscape(String frame)
    {
        if (frame.indexOf('%') < 0 && frame.indexOf('\r') < 0 && frame.indexOf('\n') < 0 && frame.indexOf('\0') < 0)
            return frame;
        return frame.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace("\0", "%00");
    }

    static String quote(String text)
    {
        StringBuilder quoted = new StringBuilder(text.length() + 2);
        quote(text, quoted);
        return quoted.toString();
    }

    private static void quote(String text, StringBuilder out)
    {
        out.append('"');
        QtJson.escapeInto(out, text, SockJsFrames::mustEscape);
        out.append('"');
    }

    // The server-side escape set of SockJS 0.3.3 ("escapable_by_server"), surrogates only when unpaired.
    private static boolean mustEscape(CharSequence text, int i)
    {
        char c = text.charAt(i);
        if (c < 0x20 || (c >= 0x200c && c <= 0x200f) || (c >= 0x2028 && c <= 0x202f) || (c >= 0x2060 && c <= 0x206f)
            || c >= 0xfff0)
            return true;
        if (Character.isHighSurrogate(c))
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        if (Character.isLowSurrogate(c))
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        return false;
    }
}
