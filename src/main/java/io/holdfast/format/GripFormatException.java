// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format;

/**
 * A GRIP wire value (instruct headers or body, publish item, routes line) could not be parsed. The
 * message is the text Pushpin uses for the same error, because publishers and debug bodies show it.
 */
public final class GripFormatException extends Exception
{
    public GripFormatException(String message)
    {
        super(message);
    }
}
