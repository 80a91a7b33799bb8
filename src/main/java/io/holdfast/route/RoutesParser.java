// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import io.holdfast.format.HeaderField;
import io.holdfast.format.browser.JsonpOptions;

/**
 * Parses Pushpin routes files into {@link Route} records. Unlike Pushpin, which logs a bad line and
 * skips it, parsing is strict: the first bad line throws. Pure static functions.
 *
 * <p>Props Pushpin does not know are ignored, as Pushpin does. An empty {@code id}, {@code sig_iss},
 * {@code as_host}, {@code sockjs}, {@code sockjs_as_path}, {@code jsonp_body}, {@code jsonp_defcb}
 * or target {@code host} reads as absent and an empty {@code jsonp_cb} as {@code callback}, because
 * that is how Pushpin uses them; an empty {@code replace_beg} stays present (it strips
 * {@code path_beg}). A route's own Grip-Sig pair applies only when both {@code sig_iss} and
 * {@code sig_key} are present.
 */
public final class RoutesParser
{
    private static final String BASE64_ALPHABET =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private RoutesParser()
    {
    }

    /**
     * Parses a whole routes file. Blank and comment-only lines are skipped; a line whose condition
     * (domain, proto, ssl, path_beg) repeats an earlier one is skipped with a warning.
     *
     * @param source the file name, used in messages
     * @throws RoutesException for the first bad line
     */
    public static ParsedRoutes parse(String text, String source) throws RoutesException
    {
        List<Route> routes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<RouteCondition> seen = new HashSet<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = body.split("\n", -1);
        for (int n = 0; n < lines.length; ++n)
        {
            String line = lines[n].endsWith("\r") ? lines[n].substring(0, lines[n].length() - 1) : lines[n];
            Optional<Route> route = parseLine(line, source, n + 1);
            if (route.isEmpty())
            {
                continue;
            }
            if (!seen.add(route.get().condition()))
            {
                warnings.add(source + ":" + (n + 1) + ": skipping duplicate condition");
                continue;
            }
            routes.add(route.get());
        }
        return new ParsedRoutes(routes, warnings);
    }

    /**
     * Parses one routes line (a file line, or a {@code --route} argument).
     *
     * @return the route, or empty for a blank or comment-only line
     * @throws RoutesException when the line is bad
     */
    public static Optional<Route> parseLine(String line, String source, int lineNumber) throws RoutesException
    {
        List<RouteSection> sections = RouteLineTokenizer.tokenize(line, source, lineNumber);
        if (sections.isEmpty())
        {
            return Optional.empty();
        }
        if (sections.size() < 2)
        {
            throw new RoutesException(source, lineNumber, "must specify condition and at least one target");
        }

        // checks run in Pushpin's order so a line with several faults reports the same one
        RouteSection cond = sections.get(0);
        RouteCondition condition = new RouteCondition(
            cond.value().equals("*") ? "" : cond.value(),
            parseProto(cond, source, lineNumber),
            parseSsl(cond, source, lineNumber),
            parsePathBeg(cond, source, lineNumber));
        RouteOptions options = parseOptions(cond, source, lineNumber);

        List<Target> targets = new ArrayList<>();
        for (RouteSection section : sections.subList(1, sections.size()))
        {
            targets.add(TargetParser.parse(section, source, lineNumber));
        }

        // Pushpin 1.36 keeps a domain-less line reachable only through its id (Pushpin-Route);
        // Holdfast routes by host alone, so such a line could never match
        if (cond.value().isEmpty())
        {
            throw new RoutesException(source, lineNumber, "condition has no domain");
        }
        return Optional.of(new Route(source, lineNumber, condition, options, targets));
    }

    private static Optional<RouteCondition.Protocol> parseProto(RouteSection cond, String source, int lineNumber)
        throws RoutesException
    {
        Optional<String> proto = cond.last("proto");
        if (proto.isEmpty())
        {
            return Optional.empty();
        }
        return switch (proto.get())
        {
            case "http" -> Optional.of(RouteCondition.Protocol.HTTP);
            case "ws" -> Optional.of(RouteCondition.Protocol.WS);
            default -> throw new RoutesException(source, lineNumber, "proto must be set to 'http' or 'ws'");
        };
    }

    private static Optional<Boolean> parseSsl(RouteSection cond, String source, int lineNumber)
        throws RoutesException
    {
        Optional<String> ssl = cond.last("ssl");
        if (ssl.isEmpty())
        {
            return Optional.empty();
        }
        return switch (ssl.get())
        {
            case "yes" -> Optional.of(true);
            case "no" -> Optional.of(false);
            default -> throw new RoutesException(source, lineNumber, "ssl must be set to 'yes' or 'no'");
        };
    }

    private static Optional<String> parsePathBeg(RouteSection cond, String source, int lineNumber)
        throws RoutesException
    {
        Optional<String> pathBeg = cond.last("path_beg");
        if (pathBeg.isPresent() && pathBeg.get().isEmpty())
        {
            throw new RoutesException(source, lineNumber, "path_beg cannot be empty");
        }
        return pathBeg;
    }

    private static RouteOptions parseOptions(RouteSection cond, String source, int lineNumber)
        throws RoutesException
    {
        Optional<byte[]> sigKey = Optional.empty();
        if (cond.has("sig_key"))
        {
            sigKey = Optional.of(parseKey(cond.last("sig_key").orElseThrow(), source, lineNumber));
        }

        int pathRem = 0;
        if (cond.has("path_rem"))
        {
            // Pushpin reads junk as 0 and ignores negatives; a strict parser says so instead
            OptionalInt parsed = TargetParser.parseQtInt(cond.last("path_rem").orElseThrow());
            if (parsed.isEmpty() || parsed.getAsInt() < 0)
            {
                throw new RoutesException(source, lineNumber, "path_rem must be a non-negative integer");
            }
            pathRem = parsed.getAsInt();
        }

        return new RouteOptions(
            TargetParser.nonEmpty(cond.last("id")),
            TargetParser.nonEmpty(cond.last("sig_iss")),
            sigKey,
            cond.last("prefix").orElse(""),
            cond.has("orig_headers"),
            TargetParser.nonEmpty(cond.last("as_host")),
            pathRem,
            cond.last("replace_beg"),
            cond.has("debug"),
            cond.has("aco"),
            parseJsonp(cond, source, lineNumber),
            cond.has("session"),
            TargetParser.nonEmpty(cond.last("sockjs")),
            TargetParser.nonEmpty(cond.last("sockjs_as_path")),
            parseHeaders(cond, source, lineNumber),
            cond.has("no_grip"));
    }

    private static byte[] parseKey(String value, String source, int lineNumber) throws RoutesException
    {
        if (value.startsWith("file:"))
        {
            // Pushpin 1.36 loads a PEM key from the file; a route here carries only a secret
            throw new RoutesException(source, lineNumber, "sig_key file: keys are not supported");
        }
        if (!value.startsWith("base64:"))
        {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        return decodeBase64(value.substring("base64:".length()));
    }

    /**
     * Decodes base64 as Qt's {@code QByteArray::fromBase64} does: characters outside the alphabet
     * (padding included) are skipped and leftover bits dropped, so it never fails.
     */
    static byte[] decodeBase64(String text)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 3 / 4);
        int bits = 0;
        int count = 0;
        for (int n = 0; n < text.length(); ++n)
        {
            int digit = BASE64_ALPHABET.indexOf(text.charAt(n));
            if (digit < 0)
            {
                continue;
            }
            bits = (bits << 6) | digit;
            count += 6;
            if (count >= 8)
            {
                count -= 8;
                out.write(bits >> count);
                bits &= (1 << count) - 1;
            }
        }
        return out.toByteArray();
    }

    private static JsonpOptions parseJsonp(RouteSection cond, String source, int lineNumber)
        throws RoutesException
    {
        JsonpOptions.Mode mode = JsonpOptions.Mode.EXTENDED;
        Optional<String> modeText = cond.last("jsonp_mode");
        if (modeText.isPresent())
        {
            mode = switch (modeText.get())
            {
                case "basic" -> JsonpOptions.Mode.BASIC;
                case "extended" -> JsonpOptions.Mode.EXTENDED;
                default -> throw new RoutesException(
                    source, lineNumber, "jsonp_mode must be set to 'basic' or 'extended'");
            };
        }
        return new JsonpOptions(
            mode,
            TargetParser.nonEmpty(cond.last("jsonp_cb")).orElse(JsonpOptions.DEFAULT.callbackParam()),
            TargetParser.nonEmpty(cond.last("jsonp_body")),
            TargetParser.nonEmpty(cond.last("jsonp_defcb")),
            cond.last("jsonp_defmethod"));
    }

    private static List<HeaderField> parseHeaders(RouteSection cond, String source, int lineNumber)
        throws RoutesException
    {
        List<String> written = cond.all("header");
        List<HeaderField> headers = new ArrayList<>(written.size());
        // Pushpin's multi-hash hands the values back newest first and applies them in that order,
        // each one replacing the name: the first header= written for a name wins
        for (int n = written.size() - 1; n >= 0; --n)
        {
            String text = written.get(n);
            int colon = text.indexOf(':');
            if (colon < 1)
            {
                throw new RoutesException(source, lineNumber, "header must use format 'name:value'");
            }
            String value = text.substring(colon + 1);
            int skip = 0;
            while (skip < value.length() && value.charAt(skip) == ' ')
            {
                ++skip;
            }
            headers.add(new HeaderField(text.substring(0, colon), value.substring(skip)));
        }
        return headers;
    }
}
