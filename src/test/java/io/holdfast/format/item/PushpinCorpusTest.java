// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.holdfast.format.GripFormatException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays fixtures/items/pushpin-publish-corpus.jsonl, Pushpin 1.36's recorded answers to POST
 * /publish (written by src/test/conformance/probe-items.py), against {@link PublishRequestParser}. Where
 * Holdfast deliberately answers differently, {@link #DEVIATIONS} says what and why.
 */
class PushpinCorpusTest
{
    private static final String CORPUS = "/fixtures/items/pushpin-publish-corpus.jsonl";

    private record Case(String name, byte[] body, int status, String response)
    {
        @Override
        public String toString()
        {
            return name;
        }
    }

    private record Answer(int status, String response, String why)
    {
    }

    private static final String QT_CONVERTS =
        "Qt turns a non-numeric string or a boolean into 0 or 1 and Pushpin accepts it; we reject it";
    private static final String QT_TRUNCATES =
        "Qt truncates the number to 32 bits and Pushpin uses what is left; we reject values beyond 32 bits";
    private static final String LENIENT_BASE64 =
        "Qt's base64 decoder skips characters outside the alphabet; we reject them";

    private static final String CODE = "'http-response' contains 'code' with ";
    private static final String SIZE = "publish item object contains 'size' with ";
    private static final String CLOSE_CODE = "'ws-message' contains 'code' with ";

    private static final Map<String, Answer> DEVIATIONS = Map.ofEntries(
        rejected("http-response/code-string-abc", CODE + "invalid value", QT_CONVERTS),
        rejected("http-response/code-string-float", CODE + "invalid value", QT_CONVERTS),
        rejected("http-response/code-string-empty", CODE + "invalid value", QT_CONVERTS),
        rejected("http-response/code-string-hex", CODE + "invalid value", QT_CONVERTS),
        rejected("http-response/code-string-exp", CODE + "invalid value", QT_CONVERTS),
        rejected("http-response/code-true", CODE + "wrong type", QT_CONVERTS),
        rejected("http-response/code-false", CODE + "wrong type", QT_CONVERTS),
        rejected("http-response/code-wraps-to-200", CODE + "invalid value", QT_TRUNCATES),
        rejected("size/string-abc", SIZE + "invalid value", QT_CONVERTS),
        rejected("size/true", SIZE + "wrong type", QT_CONVERTS),
        rejected("size/huge", SIZE + "invalid value", QT_TRUNCATES),
        rejected("ws-message/close-code-string-abc", CLOSE_CODE + "invalid value", QT_CONVERTS),
        rejected("ws-message/close-code-true", CLOSE_CODE + "wrong type", QT_CONVERTS),
        rejected("http-stream/content-bin-bad-base64",
            "'http-stream' contains 'content-bin' with invalid value", LENIENT_BASE64),
        rejected("http-stream/content-bin-urlsafe",
            "'http-stream' contains 'content-bin' with invalid value", LENIENT_BASE64),
        rejected("http-stream/content-bin-trailing-junk",
            "'http-stream' contains 'content-bin' with invalid value", LENIENT_BASE64),
        rejected("http-response/body-bin-bad-base64",
            "'http-response' contains 'body-bin' with invalid value", LENIENT_BASE64),
        rejected("ws-message/content-bin-bad-base64",
            "'ws-message' contains 'content-bin' with invalid value", LENIENT_BASE64));

    private static Map.Entry<String, Answer> rejected(String name, String itemMessage, String why)
    {
        return Map.entry(name, new Answer(400, "Invalid format: " + itemMessage + "\n", why));
    }

    static List<Case> corpus()
    {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = PushpinCorpusTest.class.getResourceAsStream(CORPUS);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
        {
            return reader.lines().map(line -> toCase(json, line)).collect(Collectors.toList());
        }
        catch (IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static Case toCase(ObjectMapper json, String line)
    {
        try
        {
            JsonNode rec = json.readTree(line);
            byte[] body = rec.has("bodyBase64")
                ? Base64.getDecoder().decode(rec.get("bodyBase64").textValue())
                : rec.get("body").textValue().getBytes(StandardCharsets.UTF_8);
            return new Case(rec.get("name").textValue(), body, rec.get("status").intValue(),
                rec.get("response").textValue());
        }
        catch (IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void answersAsPushpinDoes(Case c)
    {
        Answer expected = DEVIATIONS.getOrDefault(c.name(), new Answer(c.status(), c.response(), ""));
        if (expected.status() == 200)
        {
            assertEquals("Published\n", expected.response());
            assertDoesNotThrow(() -> PublishRequestParser.parse(c.body()));
        }
        else
        {
            assertEquals(400, expected.status());
            GripFormatException e =
                assertThrows(GripFormatException.class, () -> PublishRequestParser.parse(c.body()));
            assertEquals(expected.response(), e.getMessage() + "\n");
        }
    }

    @Test
    void everyDeviationNamesARecordedCaseThatPushpinAnswersDifferently()
    {
        Map<String, Case> byName = corpus().stream().collect(Collectors.toMap(Case::name, c -> c));
        assertTrue(byName.size() > 300, "corpus loaded");
        DEVIATIONS.forEach((name, answer) ->
        {
            assertTrue(byName.containsKey(name), name);
            assertNotEquals(byName.get(name).response(), answer.response(), name);
            assertTrue(!answer.why().isEmpty(), name);
        });
    }
}
