// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.http;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

/**
 * One control API answer: status, content type, body and an optional extra header; {@code items}
 * is the number of items published, for the log ({@code -1} when not a publish); {@code closes}
 * when the connection must end after it. Immutable.
 */
record ControlReply(int status, String contentType, byte[] body, String[] extraHeader, int items, boolean closes)
{
    /** A {@code text/plain} answer; Pushpin ends every body with a newline. */
    static ControlReply text(int status, String message)
    {
        return new ControlReply(status, "text/plain", ControlServlet.utf8(message + "\n"), null, -1, false);
    }

    /**
     * An answer given before the request's body was read: the connection ends after it, or the
     * rest of that body would be taken for the next request.
     */
    static ControlReply unread(int status, String message)
    {
        return text(status, message).closing();
    }

    ControlReply withHeader(String name, String value)
    {
        return new ControlReply(status, contentType, body, new String[]{name, value}, items, closes);
    }

    ControlReply withItems(int count)
    {
        return new ControlReply(status, contentType, body, extraHeader, count, closes);
    }

    private ControlReply closing()
    {
        return new ControlReply(status, contentType, body, extraHeader, items, true);
    }

    void write(HttpServletResponse response) throws IOException
    {
        response.setStatus(status);
        if (extraHeader != null)
            response.setHeader(extraHeader[0], extraHeader[1]);
        response.setContentType(contentType);
        // HTTP/1.1 keeps a connection unless a side asks to close it, and curl, Java's and Go's
        // clients never say keep-alive: closing after each answer, as Pushpin does, made every
        // publish pay for a new connection. The container closes when the publisher asks (or
        // speaks HTTP/1.0 without keep-alive); every answer has a Content-Length, so a publisher
        // that reads an answer to its end stops there.
        if (closes)
            response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
