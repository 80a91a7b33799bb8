// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.http;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;
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

    void write(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        response.setStatus(status);
        if (extraHeader != null)
            response.setHeader(extraHeader[0], extraHeader[1]);
        response.setContentType(contentType);
        // Pushpin's control server takes one request per connection, and a publisher written
        // against it may read its answer to the end of the stream. One that asks for keep-alive
        // (connection pools such as urllib3's and Node's do) keeps its connection after a success,
        // since a new connection per publish costs both sides more than the publish itself.
        if (status / 100 != 2 || !asksForKeepAlive(request))
            response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static boolean asksForKeepAlive(HttpServletRequest request)
    {
        Enumeration<String> values = request.getHeaders("Connection");
        while (values.hasMoreElements())
        {
            for (String token : values.nextElement().split(","))
            {
                if (token.trim().equalsIgnoreCase("keep-alive"))
                    return true;
            }
        }
        return false;
    }
}
