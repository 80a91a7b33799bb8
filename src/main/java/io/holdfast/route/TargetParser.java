// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Turns a target section of a routes line ({@code host:port}, {@code test}, {@code zhttp/<spec>} or
 * {@code zhttpreq/<spec>} with its props) into a {@link Target}, as Pushpin does. Stateless.
 */
final class TargetParser
{
    private static final Pattern QT_INT = Pattern.compile("[+-]?[0-9]+");

    private TargetParser()
    {
    }

    /** Parses one target section. */
    static Target parse(RouteSection section, String source, int lineNumber) throws RoutesException
    {
        String value = section.value();
        Target.Kind kind;
        String host = "";
        int port = 0;
        String spec = "";
        if (value.equals("test"))
        {
            kind = Target.Kind.TEST;
        }
        else if (value.startsWith("zhttp/"))
        {
            kind = Target.Kind.ZHTTP;
            spec = value.substring("zhttp/".length());
        }
        else if (value.startsWith("zhttpreq/"))
        {
            kind = Target.Kind.ZHTTPREQ;
            spec = value.substring("zhttpreq/".length());
        }
        else
        {
            kind = Target.Kind.HOST_PORT;
            // the first colon splits, as in Pushpin, so a bracketed IPv6 host cannot be written
            int colon = value.indexOf(':');
            if (colon < 0)
            {
                throw new RoutesException(source, lineNumber, "target bad format");
            }
            OptionalInt parsed = parseQtInt(value.substring(colon + 1));
            if (parsed.isEmpty() || parsed.getAsInt() < 1 || parsed.getAsInt() > 65535)
            {
                throw new RoutesException(source, lineNumber, "target invalid port");
            }
            host = value.substring(0, colon);
            port = parsed.getAsInt();
        }

        // sub= values that are empty are dropped; ipc_file_mode only tunes zhttp ipc sockets, which
        // Holdfast does not create, so it is accepted and ignored
        List<String> subs = section.all("sub").stream().filter(s -> !s.isEmpty()).toList();
        return new Target(
            kind,
            host,
            port,
            spec,
            section.has("ssl"),
            section.has("insecure"),
            section.has("untrusted"),
            section.has("trust_connect_host"),
            nonEmpty(section.last("host")),
            subs,
            section.has("over_http"),
            section.has("one_event"));
    }

    /**
     * Parses an int the way Qt's {@code QString::toInt} does: surrounding whitespace is ignored and a
     * sign is allowed; anything else (or overflow) fails.
     */
    static OptionalInt parseQtInt(String text)
    {
        String trimmed = text.strip();
        if (!QT_INT.matcher(trimmed).matches())
        {
            return OptionalInt.empty();
        }
        try
        {
            return OptionalInt.of(Integer.parseInt(trimmed));
        }
        catch (NumberFormatException ignored)
        {
            return OptionalInt.empty();
        }
    }

    /** Pushpin treats an empty value of these props like an absent prop. */
    static Optional<String> nonEmpty(Optional<String> value)
    {
        return value.filter(v -> !v.isEmpty());
    }
}
