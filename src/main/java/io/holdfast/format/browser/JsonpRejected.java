// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.browser;

/**
 * A JSONP request whose parameters cannot be used; the message is Pushpin's 400 body text, such as
 * {@code Invalid _headers parameter.}
 */
public final class JsonpRejected extends Exception
{
    public JsonpRejected(String message)
    {
        super(message, null, false, false);
    }
}
