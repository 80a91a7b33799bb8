// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.holdfast.format.HeaderField;

/**
 * Splits and parses structured header values the way Pushpin's {@code HttpHeaders} does:
 * {@code a, b; prev-id=3; filter=x, c} is three items, the second with two parameters. Commas
 * inside double quotes do not split; a quoted parameter value may contain {@code ;} and
 * {@code \"} escapes. Pure static functions, thread-safe.
 */
public final class HeaderValues
{
    private HeaderValues()
    {
    }

    /** The value of the first header called {@code name} (any case). */
    public static Optional<String> first(List<HeaderField> headers, String name)
    {
        return headers.stream().filter(h -> h.is(name)).map(HeaderField::value).findFirst();
    }

    /** True when at least one header is called {@code name} (any case). */
    public static boolean contains(List<HeaderField> headers, String name)
    {
        return headers.stream().anyMatch(h -> h.is(name));
    }

    /** Every header called {@code name}, each value split at commas, in order. */
    public static List<String> splitAll(List<HeaderField> headers, String name)
    {
        List<String> out = new ArrayList<>();
        for (HeaderField h : headers)
        {
            if (h.is(name))
            {
                out.addAll(split(h.value()));
            }
        }
        return out;
    }

    /**
     * Every item of every header called {@code name}. Items with a broken quoted parameter are
     * left out rather than failing the whole header, as Pushpin does.
     */
    public static List<HeaderItem> items(List<HeaderField> headers, String name)
    {
        List<HeaderItem> out = new ArrayList<>();
        for (String part : splitAll(headers, name))
        {
            parseItem(part).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Splits a value at commas outside double quotes and trims each part. An empty value has no
     * parts, a trailing comma adds none, but an empty part between commas is kept ({@code ","} is
     * one empty part). An unterminated quote swallows the rest of the value into one part.
     */
    public static List<String> split(String value)
    {
        List<String> parts = new ArrayList<>();
        int pos = 0;
        while (pos < value.length())
        {
            int end = findUnquotedComma(value, pos);
            if (end == -1)
            {
                parts.add(trim(value.substring(pos)));
                pos = value.length();
            }
            else
            {
                parts.add(trim(value.substring(pos, end)));
                pos = end < value.length() ? end + 1 : value.length();
            }
        }
        return parts;
    }

    /**
     * Parses one item: the leading value runs to the first {@code ;} (quotes are not honoured
     * there, as in Pushpin), then parameters follow. Empty when a quoted parameter value is
     * unterminated or ends in a lone backslash.
     */
    public static Optional<HeaderItem> parseItem(String part)
    {
        int at = part.indexOf(';');
        String value = trim(at == -1 ? part : part.substring(0, at));
        int start = at == -1 ? part.length() : at + 1;
        return parseParams(part, start).map(params -> new HeaderItem(value, params));
    }

    /**
     * Parses an item made only of parameters ({@code Grip-Set-Meta}'s {@code key=value}); an empty
     * part gives an empty list. Empty when a quoted value is broken.
     */
    public static Optional<List<HeaderParam>> parseParams(String part)
    {
        return parseParams(part, 0);
    }

    /**
     * A decimal int as Pushpin's parameter parsing accepts it: ASCII digits with an optional sign,
     * surrounding whitespace allowed. Empty for anything else, including overflow.
     */
    public static OptionalInt parseInt(String text)
    {
        String s = trim(text);
        int digits = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
        if (s.length() == digits)
        {
            return OptionalInt.empty();
        }
        for (int i = digits; i < s.length(); i++)
        {
            if (s.charAt(i) < '0' || s.charAt(i) > '9')
            {
                return OptionalInt.empty();
            }
        }
        BigInteger v = new BigInteger(s);
        return v.bitLength() < Integer.SIZE ? OptionalInt.of(v.intValue()) : OptionalInt.empty();
    }

    private static Optional<List<HeaderParam>> parseParams(String in, int from)
    {
        List<HeaderParam> out = new ArrayList<>();
        int start = from;
        while (start < in.length())
        {
            int at = indexOfAny(in, start);
            if (at == -1)
            {
                out.add(new HeaderParam(trim(in.substring(start)), Optional.empty()));
                break;
            }
            String name = trim(in.substring(start, at));
            Optional<String> value = Optional.empty();
            start = at + 1;
            if (in.charAt(at) == '=')
            {
                if (start < in.length() && in.charAt(start) == '"')
                {
                    StringBuilder quoted = new StringBuilder();
                    int close = readQuoted(in, start + 1, quoted);
                    if (close == -1)
                    {
                        return Optional.empty();
                    }
                    // Pushpin leaves a quoted empty value null, i.e. absent.
                    value = quoted.length() == 0 ? Optional.empty() : Optional.of(quoted.toString());
                    // Anything between the closing quote and the next ';' is ignored.
                    int semi = in.indexOf(';', close + 1);
                    start = semi == -1 ? in.length() : semi + 1;
                }
                else
                {
                    int semi = in.indexOf(';', start);
                    int end = semi == -1 ? in.length() : semi;
                    value = Optional.of(trim(in.substring(start, end)));
                    start = semi == -1 ? in.length() : semi + 1;
                }
            }
            out.add(new HeaderParam(name, value));
        }
        return Optional.of(out);
    }

    /** Reads a quoted string body from {@code from}; returns the closing quote's index or -1. */
    private static int readQuoted(String in, int from, StringBuilder out)
    {
        for (int n = from; n < in.length(); n++)
        {
            char c = in.charAt(n);
            if (c == '\\')
            {
                if (n + 1 >= in.length())
                {
                    return -1;
                }
                out.append(in.charAt(++n));
            }
            else if (c == '"')
            {
                return n;
            }
            else
            {
                out.append(c);
            }
        }
        return -1;
    }

    /** Index of the next comma outside quotes, the length if none, -1 on a broken quote. */
    private static int findUnquotedComma(String in, int from)
    {
        boolean inQuote = false;
        for (int n = from; n < in.length(); n++)
        {
            char c = in.charAt(n);
            if (inQuote)
            {
                if (c == '\\')
                {
                    if (++n >= in.length())
                    {
                        return -1;
                    }
                }
                else if (c == '"')
                {
                    inQuote = false;
                }
            }
            else if (c == '"')
            {
                inQuote = true;
            }
            else if (c == ',')
            {
                return n;
            }
        }
        return inQuote ? -1 : in.length();
    }

    private static int indexOfAny(String in, int from)
    {
        for (int n = from; n < in.length(); n++)
        {
            char c = in.charAt(n);
            if (c == '=' || c == ';')
            {
                return n;
            }
        }
        return -1;
    }

    /** Trims ASCII whitespace only, like {@code QByteArray::trimmed}. */
    static String trim(String s)
    {
        int b = 0;
        int e = s.length();
        while (b < e && isSpace(s.charAt(b)))
        {
            b++;
        }
        while (e > b && isSpace(s.charAt(e - 1)))
        {
            e--;
        }
        return s.substring(b, e);
    }

    private static boolean isSpace(char c)
    {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
