// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

/**
 * One control API answer: status, content type, body and an optional extra header; {@code items}
 * is the number of items published, for the log ({@code -1} when not a publish). Immutable.
 */
record ControlReply(int status, String contentType, byte[] body, String[] extraHeader, int items)
{
    /** A {@code text/plain} answer; Pushpin ends every body with a newline. */
    static ControlReply text(int status, String message)
    {
        return new ControlReply(status, "text/plain", ControlServlet.utf8(message + "\n"), null, -1);
    }

    ControlReply withHeader(String name, String value)
    {
        return new ControlReply(status, contentType, body, new String[]{name, value}, items);
    }

    ControlReply withItems(int count)
    {
        return new ControlReply(status, contentType, body, extraHeader, count);
    }

    void write(HttpServletResponse response) throws IOException
    {
        response.setStatus(status);
        if (extraHeader != null)
            response.setHeader(extraHeader[0], extraHeader[1]);
        response.setContentType(contentType);
        // Pushpin's control server takes one request per connection. A publisher that succeeded
        // keeps its connection here (a new one per publish costs both sides far more than the
        // publish); an error still closes, as Pushpin does, leaving no unread body behind.
        if (status / 100 != 2)
            response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
