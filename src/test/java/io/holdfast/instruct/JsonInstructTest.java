// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;

import static io.holdfast.instruct.InstructTesting.bytes;
import static io.holdfast.instruct.InstructTesting.headers;
import static io.holdfast.instruct.InstructTesting.parseJson;
import static io.holdfast.instruct.InstructTesting.text;
import static io.holdfast.instruct.InstructTesting.withInstructType;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The JSON form's {@link ResponseSpec} and value conversions. Each case was run against Pushpin
 * 1.36 with an origin answering {@code 200} plus the instruct body; the expected values are the
 * status line, headers and body the client got.
 */
class JsonInstructTest
{
    private static final String H = "\"hold\": {\"mode\": \"stream\", \"channels\": [{\"name\": \"a\"}]}";

    private static ResponseSpec response(String json, String... extra) throws GripFormatException
    {
        return parseJson("{" + H + ", " + json + "}", extra).response();
    }

    private static ResponseSpec fromOrigin(String reason, String json, String... extra) throws GripFormatException
    {
        return GripInstructionParser.parse(200, Optional.of(reason), headers(withInstructType(extra)), bytes(json))
            .response();
    }

    @Test
    void originHeadersAndBodyAreDiscarded() throws GripFormatException
    {
        ResponseSpec r = fromOrigin("Fine", "{" + H + "}", "X-Origin", "o", "Cache-Control", "no-cache");
        assertEquals(List.of(), r.headers());
        assertEquals("", text(r.body()));
        // Without a response object the code and reason stay the origin's: "200 Fine".
        assertEquals(200, r.code());
        assertEquals(Optional.of("Fine"), r.reason());
    }

    @Test
    void responseWithoutCodeKeepsOriginReason() throws GripFormatException
    {
        ResponseSpec r = fromOrigin("Fine", "{" + H + ", \"response\": {\"body\": \"x\\n\"}}");
        assertEquals(200, r.code());
        assertEquals(Optional.of("Fine"), r.reason());
        assertEquals("x\n", text(r.body()));
    }

    @Test
    void aGivenCodeDropsTheReasonInEffect() throws GripFormatException
    {
        ResponseSpec r = fromOrigin("Fine", "{" + H + ", \"response\": {\"code\": 200, \"body\": \"x\\n\"}}");
        assertEquals(Optional.empty(), r.reason());
        assertEquals(Optional.empty(), response("\"response\": {\"code\": 404, \"reason\": \"\"}").reason());
        r = response("\"response\": {\"code\": 418, \"reason\": \"Teapot\"}");
        assertEquals(418, r.code());
        assertEquals(Optional.of("Teapot"), r.reason());
        assertEquals(Optional.of("Teapot"), response("\"response\": {\"reason\": \"Teapot\"}").reason());
    }

    @Test
    void gripStatusAndJsonCode() throws GripFormatException
    {
        // Grip-Status applies first; a JSON code then replaces it along with its reason.
        ResponseSpec r = response("\"response\": {\"body\": \"x\\n\"}", "Grip-Status", "403 Nope");
        assertEquals(403, r.code());
        assertEquals(Optional.of("Nope"), r.reason());
        r = response("\"response\": {\"code\": 201}", "Grip-Status", "403 Nope");
        assertEquals(201, r.code());
        assertEquals(Optional.empty(), r.reason());
        r = parseJson("{" + H + "}", "Grip-Status", "403").response();
        assertEquals(403, r.code());
        assertEquals(Optional.empty(), r.reason());
    }

    @Test
    void headerObjectIsSortedByName() throws GripFormatException
    {
        // Pushpin 1.36 sent Alpha, Grip-X, Zed, beta (QMap order) and dropped the framing headers.
        ResponseSpec r = response("\"response\": {\"headers\": {\"Zed\": \"1\", \"Alpha\": \"2\", \"beta\": \"3\", "
            + "\"Grip-X\": \"g\", \"Content-Length\": \"99\", \"Connection\": \"foo\", \"Keep-Alive\": \"k\", "
            + "\"Content-Encoding\": \"gzip\"}}");
        // Deliberate deviation: Grip-X is dropped too.
        assertEquals(headers("Alpha", "2", "Zed", "1", "beta", "3"), r.headers());
    }

    @Test
    void headerListKeepsOrderAndRepeats() throws GripFormatException
    {
        ResponseSpec r = response("\"response\": {\"headers\": [[\"Zed\", \"1\"], [\"Alpha\", \"2\"], "
            + "[\"Zed\", \"3\"], [\"Transfer-Encoding\", \"chunked\"], [\"content-length\", \"5\"], "
            + "[\"Grip-Y\", \"1\"], [\"TE\", \"trailers\"]]}");
        assertEquals(headers("Zed", "1", "Alpha", "2", "Zed", "3", "TE", "trailers"), r.headers());
    }

    @Test
    void bodyBinWinsAndIsDecodedLeniently() throws GripFormatException
    {
        assertEquals("bin\n", text(response("\"response\": {\"body\": \"text\", \"body-bin\": \"Ymlu*Cg==\"}").body()));
        assertEquals("h\u00e9", new String(response("\"response\": {\"body\": \"h\u00e9\"}").body(),
            StandardCharsets.UTF_8));
    }

    @Test
    void exposeHeadersDoesNotTouchJsonHeaders() throws GripFormatException
    {
        ResponseSpec r = response("\"response\": {\"headers\": {\"X-A\": \"1\", \"X-B\": \"2\"}}",
            "Grip-Expose-Headers", "X-A");
        assertEquals(headers("X-A", "1", "X-B", "2"), r.headers());
    }

    @Test
    void intsConvertAsQtDoes() throws GripFormatException
    {
        // Pushpin 1.36: 201.6 -> 202, 201.4 -> 201, 2.02e2 -> 202, "404" -> 404.
        assertEquals(202, response("\"response\": {\"code\": 201.6}").code());
        assertEquals(201, response("\"response\": {\"code\": 201.4}").code());
        assertEquals(202, response("\"response\": {\"code\": 2.02e2}").code());
        assertEquals(404, response("\"response\": {\"code\": \"404\"}").code());
        assertEquals(0, response("\"response\": {\"code\": 0}").code());
        assertEquals(999, response("\"response\": {\"code\": 999.4}").code());
        assertEquals(30, parseJson("{\"hold\": {\"channels\": [], \"timeout\": \"30\"}}").timeoutSeconds());
        assertEquals(6, parseJson("{\"hold\": {\"channels\": [], \"timeout\": 5.5}}").timeoutSeconds());
    }

    @Test
    void contentTypeOfTheBodyIsTrimmedButCaseSensitive() throws GripFormatException
    {
        // With a Grip-* header present the response is GRIP whatever the type; the handler then
        // reads the body as JSON only for a trimmed, exact "application/grip-instruct".
        GripInstruction i = GripInstructionParser.parse(200, Optional.of("OK"),
            headers("Content-Type", " application/grip-instruct ; charset=utf-8", "Grip-X", "1"),
            bytes("{" + H + "}"));
        assertEquals(HoldMode.STREAM, i.hold());
        i = GripInstructionParser.parse(200, Optional.of("OK"),
            headers("Content-Type", "Application/Grip-Instruct", "Grip-X", "1"), bytes("{" + H + "}"));
        assertEquals(HoldMode.NONE, i.hold());
        assertEquals("{" + H + "}", text(i.response().body()));
    }

    @Test
    void emptyJsonStringsAreValues() throws GripFormatException
    {
        // Pushpin 1.36 ended the stream with "channel 'p' specifies prev-id, but no next link
        // found" for prev-id "", and held a stream on the channel named "".
        GripInstruction i = parseJson("{\"hold\": {\"mode\": \"stream\", \"channels\": ["
            + "{\"name\": \"p\", \"prev-id\": \"\"}, {\"name\": \"\"}]}}");
        assertEquals(List.of(new ChannelSpec("p", Optional.of(""), List.of()),
            new ChannelSpec("", Optional.empty(), List.of())), i.channels());
    }

    @Test
    void rawControlCharactersAndUnknownEscapesAreAccepted() throws GripFormatException
    {
        // Pushpin 1.36 sent "a<TAB>bq\n" for a body with a raw tab and the escape \q.
        assertEquals("a\tbq\n", text(response("\"response\": {\"body\": \"a\tb\\q\n\"}").body()));
    }

    @Test
    void byteOrderMarkIsAccepted() throws GripFormatException
    {
        byte[] body = ("\ufeff{" + H + "}").getBytes(StandardCharsets.UTF_8);
        assertEquals(HoldMode.STREAM, GripInstructionParser.parse(200, Optional.empty(),
            headers(withInstructType()), body).hold());
    }
}
