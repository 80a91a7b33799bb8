// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A whole response to one request made on its own connection with {@link RawHttp}: for tests of
 * short exchanges that assert the status, headers and body as sent.
 */
public record HttpReply(RawHttp.Head head, String body)
{
    /** Sends {@code method path} (with {@code body} unless null) and reads the whole response. */
    public static HttpReply call(int port, String method, String path, String body, String... headerLines) throws IOException
    {
        try (RawHttp http = new RawHttp(port))
        {
            http.send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headerLines);
            RawHttp.Head head = http.readHead();
            return new HttpReply(head, head.status() == 204 || head.status() == 304 ? "" : http.readBody(head));
        }
    }

    public int status()
    {
        return head.status();
    }

    public String header(String name)
    {
        return head.header(name);
    }
}
