// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;

import static io.holdfast.instruct.InstructTesting.bytes;
import static io.holdfast.instruct.InstructTesting.headers;
import static io.holdfast.instruct.InstructTesting.jsonError;
import static io.holdfast.instruct.InstructTesting.withInstructType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every {@code application/grip-instruct} error, with the message Pushpin 1.36 sent for the same
 * body on a debug route. {@code H} is a valid hold to put next to a bad field.
 */
class JsonInstructErrorsTest
{
    private static final String H = "\"hold\": {\"mode\": \"stream\", \"channels\": [{\"name\": \"a\"}]}";

    private static String hold(String fields)
    {
        return jsonError("{\"hold\": {\"mode\": \"stream\", \"channels\": [{\"name\": \"a\"}], " + fields + "}}");
    }

    private static String channel(String channel)
    {
        return jsonError("{\"hold\": {\"channels\": [" + channel + "]}}");
    }

    private static String response(String fields)
    {
        return jsonError("{" + H + ", \"response\": {" + fields + "}}");
    }

    @Test
    void statusMustBe200()
    {
        String msg = assertThrows(GripFormatException.class, () -> GripInstructionParser.parse(
            201, Optional.of("Created"), headers(withInstructType()), bytes("{" + H + "}"))).getMessage();
        assertEquals("response code for application/grip-instruct content must be 200", msg);
    }

    @Test
    void bodyMustBeAJsonObject()
    {
        String notJson = "failed to parse application/grip-instruct content as JSON";
        // Qt 5 refuses top-level scalars, trailing data and comments as parse errors.
        for (String body : new String[] {"{bad", "", "  ", "5", "\"x\"", "null", "{} x", "{/*c*/}"})
        {
            assertEquals(notJson, jsonError(body), body);
        }
        byte[] badUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
        assertEquals(notJson, assertThrows(GripFormatException.class, () -> GripInstructionParser.parse(
            200, Optional.empty(), headers(withInstructType()), badUtf8)).getMessage());
        assertEquals("instruct must be an object", jsonError("[1]"));
        assertEquals("instruct must be an object", jsonError("[]"));
    }

    @Test
    void hold()
    {
        assertEquals("instruct contains 'hold' with wrong type", jsonError("{\"hold\": 3}"));
        assertEquals("instruct contains 'hold' with wrong type", jsonError("{\"hold\": null}"));
        assertEquals("hold contains 'mode' with wrong type", hold("\"mode\": 1"));
        assertEquals("hold contains 'mode' with wrong type",
            jsonError("{\"hold\": {\"mode\": null, \"channels\": []}}"));
        assertEquals("hold 'mode' must be set to either 'response' or 'stream'",
            jsonError("{\"hold\": {\"mode\": \"Stream\", \"channels\": []}}"));
        assertEquals("hold 'mode' must be set to either 'response' or 'stream'",
            jsonError("{\"hold\": {\"mode\": \"\", \"channels\": []}}"));
        assertEquals("hold does not contain 'channels'", jsonError("{\"hold\": {\"mode\": \"stream\"}}"));
        assertEquals("hold contains 'channels' with wrong type", jsonError("{\"hold\": {\"channels\": {}}}"));
        assertEquals("hold contains 'channels' with wrong type", jsonError("{\"hold\": {\"channels\": null}}"));
    }

    @Test
    void channels()
    {
        assertEquals("channel is not an object", channel("\"a\""));
        assertEquals("channel does not contain 'name'", channel("{}"));
        assertEquals("channel contains 'name' with wrong type", channel("{\"name\": 1}"));
        assertEquals("channel contains 'prev-id' with wrong type", channel("{\"name\": \"a\", \"prev-id\": 1}"));
        assertEquals("channel contains 'filters' with wrong type", channel("{\"name\": \"a\", \"filters\": \"x\"}"));
        assertEquals("filters contains value with wrong type", channel("{\"name\": \"a\", \"filters\": [1]}"));
    }

    @Test
    void timeout()
    {
        assertEquals("hold contains 'timeout' with wrong type", hold("\"timeout\": [1]"));
        assertEquals("hold contains 'timeout' with wrong type", hold("\"timeout\": null"));
        assertEquals("hold contains 'timeout' with invalid value", hold("\"timeout\": -1"));
        assertEquals("hold contains 'timeout' with invalid value", hold("\"timeout\": 1e20"));
    }

    @Test
    void keepAlive()
    {
        assertEquals("hold contains 'keep-alive' with wrong type", hold("\"keep-alive\": \"x\""));
        assertEquals("keep-alive contains 'content' with wrong type", hold("\"keep-alive\": {\"content\": 1}"));
        assertEquals("keep-alive contains 'content-bin' with wrong type", hold("\"keep-alive\": {\"content-bin\": 1}"));
        assertEquals("keep-alive contains 'timeout' with wrong type",
            hold("\"keep-alive\": {\"content\": \"x\", \"timeout\": {}}"));
        assertEquals("keep-alive contains 'timeout' with invalid value",
            hold("\"keep-alive\": {\"content\": \"x\", \"timeout\": -3}"));
    }

    @Test
    void meta()
    {
        assertEquals("hold contains 'meta' with wrong type", hold("\"meta\": [1]"));
        assertEquals("'meta' contains 'k' with wrong type", hold("\"meta\": {\"k\": 1}"));
        // Keys are checked in sorted order, as Qt's QVariantMap iterates them.
        assertEquals("'meta' contains 'a' with wrong type", hold("\"meta\": {\"z\": 1, \"a\": 2}"));
    }

    @Test
    void response()
    {
        // Pushpin 1.36 sets no message here: its debug body ends at "...instructions: ".
        assertEquals("", jsonError("{" + H + ", \"response\": 3}"));
        assertEquals("", jsonError("{" + H + ", \"response\": null}"));
        assertEquals("response contains 'code' with wrong type", response("\"code\": []"));
        assertEquals("response contains 'code' with wrong type", response("\"code\": null"));
        assertEquals("response contains 'code' with invalid value", response("\"code\": 1000"));
        assertEquals("response contains 'code' with invalid value", response("\"code\": -1"));
        assertEquals("response contains 'reason' with wrong type", response("\"reason\": 5"));
        assertEquals("response contains 'body' with wrong type", response("\"body\": 5"));
        assertEquals("response contains 'body-bin' with wrong type", response("\"body-bin\": 5"));
    }

    @Test
    void responseHeaders()
    {
        assertEquals("response contains 'headers' with wrong type", response("\"headers\": 5"));
        assertEquals("headers contains element with wrong type", response("\"headers\": [5]"));
        assertEquals("headers contains list with wrong number of elements", response("\"headers\": [[\"a\"]]"));
        assertEquals("headers contains list with wrong number of elements",
            response("\"headers\": [[\"a\", \"b\", \"c\"]]"));
        assertEquals("header contains name element with wrong type", response("\"headers\": [[1, \"a\"]]"));
        assertEquals("header contains value element with wrong type", response("\"headers\": [[\"a\", 1]]"));
        assertEquals("headers contains 'X-A' with wrong type", response("\"headers\": {\"X-A\": 1}"));
    }

    @Test
    void nonNumericStringsAndBooleansAreNotInts()
    {
        // Deliberate deviation, as for publish items: Qt reads "abc" as 0 and true as 1 (Pushpin
        // 1.36 answered "0 Undefined Reason" and "1 Undefined Reason"); numeric strings still
        // work, see JsonInstructTest.
        assertEquals("response contains 'code' with invalid value", response("\"code\": \"abc\""));
        assertEquals("response contains 'code' with invalid value", response("\"code\": \"5.5\""));
        assertEquals("response contains 'code' with wrong type", response("\"code\": true"));
        assertEquals("hold contains 'timeout' with invalid value", hold("\"timeout\": \"abc\""));
        assertEquals("hold contains 'timeout' with wrong type", hold("\"timeout\": false"));
        assertEquals("keep-alive contains 'timeout' with invalid value",
            hold("\"keep-alive\": {\"timeout\": \"\"}"));
    }
}
