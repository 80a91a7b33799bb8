// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.HeaderField;
import io.holdfast.format.StatusReasons;

import static io.holdfast.instruct.InstructTesting.headers;
import static io.holdfast.instruct.InstructTesting.parse;
import static io.holdfast.instruct.InstructTesting.parseJson;
import static io.holdfast.instruct.InstructTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each hold case in the header form and the JSON form, as Pushpin's instructtest does. */
class GripInstructionParserTest
{
    private static final List<HeaderField> TEXT_PLAIN = List.of(new HeaderField("Content-Type", "text/plain"));

    private static void assertChannel(ChannelSpec c, String name, String prevId, String... filters)
    {
        assertEquals(name, c.name());
        assertEquals(Optional.ofNullable(prevId), c.prevId());
        assertEquals(List.of(filters), c.filters());
    }

    private static void assertHelloWorld(ResponseSpec r)
    {
        assertEquals(200, r.code());
        assertEquals("OK", r.reason().orElse(StatusReasons.standard(r.code())));
        assertEquals(TEXT_PLAIN, r.headers());
        assertEquals("hello world", text(r.body()));
    }

    @Test
    void detectsGripByHeaderPrefixInAnyCase()
    {
        assertTrue(GripInstructionParser.isGrip(headers("Grip-Channel", "a")));
        assertTrue(GripInstructionParser.isGrip(headers("X", "1", "gRIP-whatever", "")));
        assertFalse(GripInstructionParser.isGrip(headers("Grip", "x", "X-Grip-Hold", "stream")));
        assertFalse(GripInstructionParser.isGrip(List.of()));
    }

    @Test
    void detectsGripByExactInstructContentType()
    {
        assertTrue(GripInstructionParser.isGrip(headers("Content-Type", "application/grip-instruct")));
        assertTrue(GripInstructionParser.isGrip(headers("content-type", "application/grip-instruct; charset=utf-8")));
        // Pushpin 1.36 relayed these two as ordinary responses.
        assertFalse(GripInstructionParser.isGrip(headers("Content-Type", "Application/Grip-Instruct; charset=utf-8")));
        assertFalse(GripInstructionParser.isGrip(headers("Content-Type", "application/grip-instruct ; charset=utf-8")));
        // Only the first Content-Type counts.
        assertFalse(GripInstructionParser.isGrip(
            headers("Content-Type", "text/plain", "Content-Type", "application/grip-instruct")));
    }

    @Test
    void noHold() throws GripFormatException
    {
        GripInstruction i = parse("hello world", "Content-Type", "text/plain", "Grip-Channel", "test");
        assertEquals(HoldMode.NONE, i.hold());
        assertHelloWorld(i.response());
        assertEquals(1, i.channels().size());
        assertEquals(55, i.timeoutSeconds());
        assertEquals(Optional.empty(), i.keepAlive());
        assertEquals(Optional.empty(), i.nextLink());
        assertEquals(Map.of(), i.meta());

        i = parseJson("""
            {"response": {"code": 200, "headers": {"Content-Type": "text/plain"}, "body": "hello world"}}""");
        assertEquals(HoldMode.NONE, i.hold());
        assertEquals(List.of(), i.channels());
        assertHelloWorld(i.response());
    }

    @Test
    void responseHold() throws GripFormatException
    {
        GripInstruction i = parse("hello world", "Content-Type", "text/plain", "Grip-Hold", "response",
            "Grip-Channel", "apple", "Grip-Channel", "banana, cherry", "Grip-Timeout", "120",
            "Grip-Set-Meta", "foo=bar, bar=baz");
        assertEquals(HoldMode.RESPONSE, i.hold());
        assertEquals(List.of("apple", "banana", "cherry"), i.channels().stream().map(ChannelSpec::name).toList());
        assertEquals(120, i.timeoutSeconds());
        assertEquals(Map.of("foo", "bar", "bar", "baz"), i.meta());
        assertHelloWorld(i.response());

        i = parseJson("""
            {"hold": {"mode": "response", "channels": [{"name": "test"}], "timeout": 120,
                      "meta": {"foo": "bar", "bar": "baz"}},
             "response": {"code": 200, "headers": {"Content-Type": "text/plain"}, "body": "hello world"}}""");
        assertEquals(HoldMode.RESPONSE, i.hold());
        assertEquals(List.of(new ChannelSpec("test", Optional.empty(), List.of())), i.channels());
        assertEquals(120, i.timeoutSeconds());
        assertEquals(Map.of("foo", "bar", "bar", "baz"), i.meta());
        assertHelloWorld(i.response());
    }

    @Test
    void responseHoldChannelParams() throws GripFormatException
    {
        GripInstruction i = parse("hello world", "Content-Type", "text/plain", "Grip-Hold", "response",
            "Grip-Channel", "apple; prev-id=item1; filter=f1",
            "Grip-Channel", "banana; filter=f2, cherry; filter=f1; filter=f2");
        assertEquals(HoldMode.RESPONSE, i.hold());
        assertEquals(3, i.channels().size());
        assertChannel(i.channels().get(0), "apple", "item1", "f1");
        assertChannel(i.channels().get(1), "banana", null, "f2");
        assertChannel(i.channels().get(2), "cherry", null, "f1", "f2");
        assertHelloWorld(i.response());

        i = parseJson("""
            {"hold": {"mode": "response", "channels": [
                {"name": "apple", "prev-id": "item1", "filters": ["f1"]},
                {"name": "banana", "filters": ["f2"]},
                {"name": "cherry", "filters": ["f1", "f2"]}]},
             "response": {"code": 200, "headers": {"Content-Type": "text/plain"}, "body": "hello world"}}""");
        assertEquals(HoldMode.RESPONSE, i.hold());
        assertEquals(3, i.channels().size());
        assertChannel(i.channels().get(0), "apple", "item1", "f1");
        assertChannel(i.channels().get(1), "banana", null, "f2");
        assertChannel(i.channels().get(2), "cherry", null, "f1", "f2");
        assertHelloWorld(i.response());
    }

    @Test
    void streamHold() throws GripFormatException
    {
        GripInstruction i = parse("hello world", "Content-Type", "text/plain", "Grip-Hold", "stream",
            "Grip-Channel", "apple", "Grip-Channel", "banana, cherry");
        assertEquals(HoldMode.STREAM, i.hold());
        assertEquals(List.of("apple", "banana", "cherry"), i.channels().stream().map(ChannelSpec::name).toList());
        assertHelloWorld(i.response());

        i = parseJson("""
            {"hold": {"mode": "stream", "channels": [{"name": "test"}]},
             "response": {"code": 200, "headers": {"Content-Type": "text/plain"}, "body": "hello world"}}""");
        assertEquals(HoldMode.STREAM, i.hold());
        assertEquals(List.of("test"), i.channels().stream().map(ChannelSpec::name).toList());
        assertHelloWorld(i.response());
    }

    @Test
    void streamHoldWithNextLink() throws GripFormatException
    {
        GripInstruction i = parse("x", "Grip-Hold", "stream", "Grip-Channel", "a; prev-id=1",
            "Grip-Link", "</next?after=1>; rel=next; timeout=30");
        assertEquals(new NextLink(URI.create("/next?after=1"), 30), i.nextLink().orElseThrow());

        // The JSON form has no link field; Grip-Link is still read next to it.
        i = parseJson("""
            {"hold": {"mode": "stream", "channels": [{"name": "a", "prev-id": "1"}]}}""",
            "Grip-Link", "</next>; rel=next");
        assertEquals(new NextLink(URI.create("/next"), 120), i.nextLink().orElseThrow());
    }

    @Test
    void jsonChannelsAreAppendedToHeaderChannels() throws GripFormatException
    {
        // Pushpin 1.36: publishes to the header channel and to the JSON channel both arrived.
        GripInstruction i = parseJson("""
            {"hold": {"mode": "stream", "channels": [{"name": "j1"}]}}""", "Grip-Channel", "h1; filter=skip-self");
        assertEquals(List.of(new ChannelSpec("h1", Optional.empty(), List.of("skip-self")),
            new ChannelSpec("j1", Optional.empty(), List.of())), i.channels());
    }

    @Test
    void jsonHoldOverridesHeaderHold() throws GripFormatException
    {
        assertEquals(HoldMode.STREAM, parseJson("""
            {"hold": {"mode": "stream", "channels": []}}""", "Grip-Hold", "response").hold());
        // A hold without mode is a response hold, even over Grip-Hold: stream.
        assertEquals(HoldMode.RESPONSE, parseJson("""
            {"hold": {"channels": [{"name": "a"}]}}""", "Grip-Hold", "stream").hold());
        // No hold object: the header decides (Pushpin 1.36 streamed this one).
        assertEquals(HoldMode.STREAM, parseJson("""
            {"response": {"code": 201, "body": "created\\n"}}""", "Grip-Hold", "stream", "Grip-Channel", "a").hold());
    }

    @Test
    void jsonTimeoutAndMetaOverrideHeaders() throws GripFormatException
    {
        GripInstruction i = parseJson("""
            {"hold": {"channels": [{"name": "a"}], "timeout": 30, "meta": {"user": "bob", "z": ""}}}""",
            "Grip-Timeout", "100", "Grip-Set-Meta", "user=alice, id=7");
        assertEquals(30, i.timeoutSeconds());
        assertEquals(Map.of("user", "bob", "id", "7", "z", ""), i.meta());
    }

    @Test
    void timeoutDefaultsTo55AndIsAtLeast5() throws GripFormatException
    {
        assertEquals(55, parse("", "Grip-Hold", "response", "Grip-Channel", "a").timeoutSeconds());
        assertEquals(5, parse("", "Grip-Hold", "response", "Grip-Timeout", "0").timeoutSeconds());
        assertEquals(5, parse("", "Grip-Hold", "response", "Grip-Timeout", "4").timeoutSeconds());
        assertEquals(6, parse("", "Grip-Hold", "response", "Grip-Timeout", "6").timeoutSeconds());
        // Pushpin 1.36 accepted "+7".
        assertEquals(7, parse("", "Grip-Hold", "stream", "Grip-Timeout", "+7").timeoutSeconds());
        assertEquals(5, parseJson("{\"hold\": {\"channels\": [], \"timeout\": 2}}").timeoutSeconds());
        assertEquals(55, parseJson("{\"hold\": {\"channels\": []}}").timeoutSeconds());
    }

    @Test
    void firstOfRepeatedSingleHeadersWins() throws GripFormatException
    {
        // Pushpin 1.36 streamed with Grip-Hold: stream followed by Grip-Hold: bogus.
        GripInstruction i = parse("", "Grip-Hold", "stream", "Grip-Hold", "bogus", "Grip-Timeout", "9",
            "Grip-Timeout", "x", "Grip-Status", "404", "Grip-Status", "x");
        assertEquals(HoldMode.STREAM, i.hold());
        assertEquals(9, i.timeoutSeconds());
        assertEquals(404, i.response().code());
    }

    @Test
    void setMetaItems() throws GripFormatException
    {
        GripInstruction i = parse("", "Grip-Set-Meta", "user=alice; ignored=1, name=\"a, b\"",
            "Grip-Set-Meta", "flag, user=carol, ;");
        assertEquals(Map.of("user", "carol", "name", "a, b", "flag", "", "", ""), i.meta());
        // An item with a broken quote is skipped, not an error.
        assertEquals(Map.of("a", "1"), parse("", "Grip-Set-Meta", "a=1, b=\"x").meta());
        // An empty header has no items at all (Pushpin 1.36 accepted it).
        assertEquals(Map.of(), parse("", "Grip-Set-Meta", "").meta());
    }

    @Test
    void channelEdgeCases() throws GripFormatException
    {
        // Pushpin 1.36 accepted all of these; "; prev-id=3" is a channel named "" with a prev-id.
        assertEquals(List.of(), parse("", "Grip-Channel", "").channels());
        assertEquals(List.of(new ChannelSpec("", Optional.empty(), List.of())),
            parse("", "Grip-Channel", ",").channels());
        assertEquals(List.of(new ChannelSpec("", Optional.of("3"), List.of())),
            parse("", "Grip-Channel", "; prev-id=3").channels());
        // prev-id= is an empty prev-id (Pushpin then demanded a next link); prev-id and prev-id="" are none.
        assertEquals(Optional.of(""), parse("", "Grip-Channel", "a; prev-id=").channels().get(0).prevId());
        assertEquals(Optional.empty(), parse("", "Grip-Channel", "a; prev-id").channels().get(0).prevId());
        assertEquals(Optional.empty(), parse("", "Grip-Channel", "a; prev-id=\"\"").channels().get(0).prevId());
        assertEquals(Optional.of("3"), parse("", "Grip-Channel", "a; Prev-ID=3").channels().get(0).prevId());
        assertEquals(List.of("x", ""),
            parse("", "Grip-Channel", "a; filter=x; filter; Filter=y").channels().get(0).filters());
        assertEquals(List.of("a"),
            parse("", "Grip-Channel", "a, b; filter=\"x").channels().stream().map(ChannelSpec::name).toList());
        assertEquals(Optional.of("x,y"), parse("", "Grip-Channel", "a; prev-id=\"x,y\"").channels().get(0).prevId());
    }
}
