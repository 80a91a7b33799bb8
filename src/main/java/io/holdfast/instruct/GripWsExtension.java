// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.util.List;
import java.util.Optional;

import io.holdfast.format.HeaderField;

/**
 * The {@code grip} WebSocket extension an origin accepts in its handshake response
 * ({@code Sec-WebSocket-Extensions: grip; message-prefix="p:"}, GRIP §7.1): its presence turns GRIP
 * on for the connection, and {@code message-prefix} (default {@code m:}, possibly empty) marks the
 * origin's ordinary messages. Pure.
 */
public final class GripWsExtension
{
    public static final String HEADER = "Sec-WebSocket-Extensions";
    public static final String DEFAULT_PREFIX = "m:";

    private GripWsExtension()
    {
    }

    /** The message prefix when the origin's headers accept the {@code grip} extension, else empty. */
    public static Optional<String> messagePrefix(List<HeaderField> originHeaders)
    {
        for (HeaderItem item : HeaderValues.items(originHeaders, HEADER))
        {
            if (item.value().equalsIgnoreCase("grip"))
                return Optional.of(item.has("message-prefix") ? item.param("message-prefix").orElse("") : DEFAULT_PREFIX);
        }
        return Optional.empty();
    }
}
