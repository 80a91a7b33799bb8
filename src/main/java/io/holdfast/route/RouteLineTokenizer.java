// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one routes line into sections, following Pushpin's line grammar: sections are separated by
 * spaces only, an unquoted {@code #} ends the line, and double-quoted parts may hold spaces, commas
 * and {@code #} with {@code \\} and {@code \"} as the only escapes. Stateless.
 */
final class RouteLineTokenizer
{
    private static final String TOKEN_ENDS = "\", #";

    private RouteLineTokenizer()
    {
    }

    /**
     * Returns the line's sections, none for a blank or comment-only line.
     *
     * @throws RoutesException for a syntax error, located at {@code source:lineNumber}
     */
    static List<RouteSection> tokenize(String line, String source, int lineNumber) throws RoutesException
    {
        List<String> values = new ArrayList<>();
        List<List<RouteSection.Prop>> props = new ArrayList<>();
        boolean readingProp = false;
        int i = 0;
        while (true)
        {
            // Pushpin's re-read position is taken before the separating spaces are skipped
            int start = i;
            if (!readingProp)
            {
                while (i < line.length() && line.charAt(i) == ' ')
                {
                    ++i;
                }
                if (i >= line.length() || line.charAt(i) == '#')
                {
                    break;
                }
            }

            StringBuilder part = new StringBuilder();
            while (true)
            {
                int at = nextTokenEnd(line, i);
                part.append(line, i, at);
                if (at < line.length() && line.charAt(at) == '"')
                {
                    i = readQuoted(line, at + 1, part, source, lineNumber);
                    continue;
                }
                i = at;
                break;
            }

            if (!readingProp)
            {
                if (part.indexOf("=") >= 0)
                {
                    // "name=value" where a value was expected: Pushpin records an empty initial
                    // value and re-reads from before the spaces as a prop, so this only works at
                    // the very start of a line; anywhere else it ends in "expecting prop"
                    values.add("");
                    props.add(new ArrayList<>());
                    i = start;
                    readingProp = true;
                    continue;
                }
                values.add(part.toString());
                props.add(new ArrayList<>());
            }
            else
            {
                props.get(props.size() - 1).add(toProp(part.toString(), source, lineNumber));
            }

            if (i < line.length() && line.charAt(i) == ',')
            {
                ++i;
                readingProp = true;
            }
            else
            {
                readingProp = false;
            }
        }

        List<RouteSection> out = new ArrayList<>(values.size());
        for (int n = 0; n < values.size(); ++n)
        {
            out.add(new RouteSection(values.get(n), props.get(n)));
        }
        return out;
    }

    private static int nextTokenEnd(String line, int from)
    {
        for (int n = from; n < line.length(); ++n)
        {
            if (TOKEN_ENDS.indexOf(line.charAt(n)) >= 0)
            {
                return n;
            }
        }
        return line.length();
    }

    /** Appends the decoded quoted text starting at {@code from}; returns the index after the closing quote. */
    private static int readQuoted(String line, int from, StringBuilder part, String source, int lineNumber)
        throws RoutesException
    {
        for (int at = from; at < line.length(); ++at)
        {
            char c = line.charAt(at);
            if (c == '"')
            {
                return at + 1;
            }
            if (c != '\\')
            {
                part.append(c);
                continue;
            }
            ++at;
            if (at >= line.length())
            {
                throw new RoutesException(source, lineNumber, "unterminated escape sequence");
            }
            char escaped = line.charAt(at);
            if (escaped != '\\' && escaped != '"')
            {
                throw new RoutesException(source, lineNumber, "unexpected escape character: " + escaped);
            }
            part.append(escaped);
        }
        throw new RoutesException(source, lineNumber, "unterminated quoted section");
    }

    private static RouteSection.Prop toProp(String part, String source, int lineNumber) throws RoutesException
    {
        if (part.isEmpty())
        {
            throw new RoutesException(source, lineNumber, "expecting prop");
        }
        int eq = part.indexOf('=');
        String name = eq >= 0 ? part.substring(0, eq) : part;
        if (name.isEmpty())
        {
            throw new RoutesException(source, lineNumber, "empty prop name");
        }
        return new RouteSection.Prop(name, eq >= 0 ? part.substring(eq + 1) : "");
    }
}
