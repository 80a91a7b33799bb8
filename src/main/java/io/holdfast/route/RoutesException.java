// SPDX-License-Identifier: Apache-2.0
package io.holdfast.route;

/**
 * A routes-file line could not be parsed. The message reads {@code <source>:<line>: <reason>}, the
 * form Pushpin logs for a bad line, and the reason uses Pushpin's wording where Pushpin has one.
 */
public final class RoutesException extends Exception
{
    private final String source;
    private final int line;
    private final String reason;

    public RoutesException(String source, int line, String reason)
    {
        super(source + ":" + line + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    /** File name (or other label) of the routes text. */
    public String source()
    {
        return source;
    }

    /** 1-based number of the bad line. */
    public int line()
    {
        return line;
    }

    /** What is wrong with the line, without the location prefix. */
    public String reason()
    {
        return reason;
    }
}
