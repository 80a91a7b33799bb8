// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.HeaderField;

/** Builders shared by the instruct tests: header lists, parsing with defaults, error messages. */
final class InstructTesting
{
    private InstructTesting()
    {
    }

    /** Alternating names and values. */
    static List<HeaderField> headers(String... nameValues)
    {
        List<HeaderField> out = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2)
        {
            out.add(new HeaderField(nameValues[i], nameValues[i + 1]));
        }
        return out;
    }

    /** A 200 OK origin response with these headers and body. */
    static GripInstruction parse(String body, String... nameValues) throws GripFormatException
    {
        return GripInstructionParser.parse(200, Optional.of("OK"), headers(nameValues), bytes(body));
    }

    /** A 200 OK {@code application/grip-instruct} response with this JSON and extra headers. */
    static GripInstruction parseJson(String json, String... extraNameValues) throws GripFormatException
    {
        return parse(json, withInstructType(extraNameValues));
    }

    /** The message of the error parsing a 200 OK response with these headers and body. */
    static String error(String body, String... nameValues)
    {
        return assertThrows(GripFormatException.class, () -> parse(body, nameValues)).getMessage();
    }

    /** The message of the error parsing this JSON instruct. */
    static String jsonError(String json, String... extraNameValues)
    {
        return assertThrows(GripFormatException.class, () -> parseJson(json, extraNameValues)).getMessage();
    }

    /** The message of the error for a stream hold with these extra headers. */
    static String streamError(String... extraNameValues)
    {
        List<String> all = new ArrayList<>(List.of("Grip-Hold", "stream", "Grip-Channel", "a"));
        all.addAll(List.of(extraNameValues));
        return error("b\n", all.toArray(String[]::new));
    }

    /** A stream hold on channel {@code a} with these extra headers. */
    static GripInstruction stream(String... extraNameValues) throws GripFormatException
    {
        List<String> all = new ArrayList<>(List.of("Grip-Hold", "stream", "Grip-Channel", "a"));
        all.addAll(List.of(extraNameValues));
        return parse("b\n", all.toArray(String[]::new));
    }

    static String[] withInstructType(String... extraNameValues)
    {
        List<String> all = new ArrayList<>(List.of("Content-Type", "application/grip-instruct"));
        all.addAll(List.of(extraNameValues));
        return all.toArray(String[]::new);
    }

    static byte[] bytes(String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b)
    {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
