// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The channels a request to Pushpin's built-in {@code test} target holds: each {@code channel}
 * query parameter, or {@code test} when there is none. Shared by its HTTP and WebSocket sides.
 * Stateless.
 */
public final class DemoChannels
{
    private DemoChannels()
    {
    }

    // Read from the query string only: getParameterValues() would consume a form body.
    public static List<String> of(String query)
    {
        List<String> channels = new ArrayList<>();
        if (query != null)
        {
            for (String pair : query.split("&"))
            {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                if (name.equals("channel") && eq >= 0)
                    channels.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (channels.isEmpty())
            channels.add("test");
        return channels;
    }
}
