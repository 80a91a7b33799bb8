// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON quoting for test bodies. */
public final class Json
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json()
    {
    }

    public static String quote(String text)
    {
        try
        {
            return MAPPER.writeValueAsString(text);
        }
        catch (JsonProcessingException e)
        {
            throw new IllegalArgumentException(e);
        }
    }
}
