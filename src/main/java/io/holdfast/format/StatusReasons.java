// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format;

import java.util.Map;

/**
 * The reason phrase Pushpin sends when a status code comes without one (Grip-Status with a bare
 * code, an instruct or publish {@code code} without {@code reason}). The table is Pushpin 1.36's,
 * checked code by code for 0..999 against the real proxy: newer codes such as 418, 421, 425 and
 * 451 are absent there and get {@code Undefined Reason}, and 413/414/416 keep their RFC 2616
 * names. Pure and thread-safe.
 */
public final class StatusReasons
{
    /** What Pushpin sends for any code it has no phrase for. */
    public static final String UNDEFINED = "Undefined Reason";

    private static final Map<Integer, String> REASONS = Map.ofEntries(
        Map.entry(100, "Continue"),
        Map.entry(101, "Switching Protocols"),
        Map.entry(102, "Processing"),
        Map.entry(200, "OK"),
        Map.entry(201, "Created"),
        Map.entry(202, "Accepted"),
        Map.entry(203, "Non-Authoritative Information"),
        Map.entry(204, "No Content"),
        Map.entry(205, "Reset Content"),
        Map.entry(206, "Partial Content"),
        Map.entry(207, "Multi-Status"),
        Map.entry(208, "Already Reported"),
        Map.entry(226, "IM Used"),
        Map.entry(300, "Multiple Choices"),
        Map.entry(301, "Moved Permanently"),
        Map.entry(302, "Found"),
        Map.entry(303, "See Other"),
        Map.entry(304, "Not Modified"),
        Map.entry(305, "Use Proxy"),
        Map.entry(306, "Reserved"),
        Map.entry(307, "Temporary Redirect"),
        Map.entry(308, "Permanent Redirect"),
        Map.entry(400, "Bad Request"),
        Map.entry(401, "Unauthorized"),
        Map.entry(402, "Payment Required"),
        Map.entry(403, "Forbidden"),
        Map.entry(404, "Not Found"),
        Map.entry(405, "Method Not Allowed"),
        Map.entry(406, "Not Acceptable"),
        Map.entry(407, "Proxy Authentication Required"),
        Map.entry(408, "Request Timeout"),
        Map.entry(409, "Conflict"),
        Map.entry(410, "Gone"),
        Map.entry(411, "Length Required"),
        Map.entry(412, "Precondition Failed"),
        Map.entry(413, "Request Entity Too Large"),
        Map.entry(414, "Request-URI Too Long"),
        Map.entry(415, "Unsupported Media Type"),
        Map.entry(416, "Requested Range Not Satisfiable"),
        Map.entry(417, "Expectation Failed"),
        Map.entry(422, "Unprocessable Entity"),
        Map.entry(423, "Locked"),
        Map.entry(424, "Failed Dependency"),
        Map.entry(426, "Upgrade Required"),
        Map.entry(428, "Precondition Required"),
        Map.entry(429, "Too Many Requests"),
        Map.entry(431, "Request Header Fields Too Large"),
        Map.entry(500, "Internal Server Error"),
        Map.entry(501, "Not Implemented"),
        Map.entry(502, "Bad Gateway"),
        Map.entry(503, "Service Unavailable"),
        Map.entry(504, "Gateway Timeout"),
        Map.entry(505, "HTTP Version Not Supported"),
        Map.entry(506, "Variant Also Negotiates"),
        Map.entry(507, "Insufficient Storage"),
        Map.entry(508, "Loop Detected"),
        Map.entry(510, "Not Extended"),
        Map.entry(511, "Network Authentication Required"));

    private StatusReasons()
    {
    }

    /** The standard phrase for {@code code}, or {@link #UNDEFINED}. */
    public static String standard(int code)
    {
        return REASONS.getOrDefault(code, UNDEFINED);
    }
}
