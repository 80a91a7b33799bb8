// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.http;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;

/**
 * The control API's answer format, chosen from {@code Accept} the way Pushpin does: each
 * recognised media type selects text or JSON, the last one recognised wins, q-values are ignored;
 * no {@code Accept} means text, and nothing recognised is {@link #NONE} (406). Stateless.
 */
enum Negotiation
{
    TEXT, JSON, NONE;

    static Negotiation of(Enumeration<String> acceptHeaders)
    {
        boolean present = false;
        Negotiation chosen = NONE;
        for (String header : Collections.list(acceptHeaders))
        {
            present = true;
            for (String range : header.split(","))
            {
                String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
                switch (type)
                {
                    case "text/plain", "text/*", "*/*", "*" -> chosen = TEXT;
                    case "application/json", "application/*" -> chosen = JSON;
                    default ->
                    {
                        // not one we can produce
                    }
                }
            }
        }
        return present ? chosen : TEXT;
    }

    /** A success message in this format: {@code Published\n} or {@code {"message":"Published"}\n}. */
    ControlReply message(int status, String message)
    {
        if (this == JSON)
            return new ControlReply(status, "application/json",
                ControlServlet.utf8("{\"message\":\"" + message + "\"}\n"), null, -1, false);
        return ControlReply.text(status, message);
    }
}
