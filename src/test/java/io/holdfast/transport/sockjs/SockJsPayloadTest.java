// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SockJsPayloadTest
{
    @Test
    void aSendIsAJsonArrayOfStrings() throws GripFormatException
    {
        assertEquals(List.of("hello", "two"), SockJsPayload.messages("[\"hello\",\"two\"]"));
        assertEquals(List.of(), SockJsPayload.messages("[]"));
        assertEquals(List.of("\u2028\"", ""), SockJsPayload.messages(" [\"\\u2028\\\"\", \"\"] "));
    }

    @Test
    void anythingElseIsPushpinsPayloadExpected()
    {
        for (String bad : List.of("", "[\"a\"", "\"x\"", "[1]", "[null]", "{}", "[\"a\"] x", "[[\"a\"]]"))
        {
            GripFormatException e = assertThrows(GripFormatException.class, () -> SockJsPayload.messages(bad), bad);
            assertEquals("Payload expected", e.getMessage());
        }
    }

    @Test
    void formFieldsAreDecoded()
    {
        assertEquals(Optional.of("[\"hi\"]"), SockJsPayload.formField("d=%5B%22hi%22%5D", "d"));
        assertEquals(Optional.of("a b"), SockJsPayload.formField("x=1&d=a+b&d=2", "d"));
        assertEquals(Optional.of(""), SockJsPayload.formField("d=", "d"));
        assertEquals(Optional.empty(), SockJsPayload.formField("p=p", "d"));
        assertEquals(Optional.empty(), SockJsPayload.formField(null, "d"));
        assertEquals(Optional.of("%zz"), SockJsPayload.formField("d=%zz", "d"));
    }

    @Test
    void callbacksNameAFunction()
    {
        assertTrue(SockJsPayload.isValidCallback("_jp.a1b2c3"));
        assertTrue(SockJsPayload.isValidCallback("cb-2_x"));
        for (String bad : List.of("", "alert(1)//", "a b", "x;y", "<script>", "a".repeat(33)))
            assertFalse(SockJsPayload.isValidCallback(bad), bad);
    }
}
