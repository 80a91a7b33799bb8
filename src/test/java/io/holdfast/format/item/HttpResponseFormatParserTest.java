// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.HeaderField;

import static io.holdfast.format.item.ItemJson.bytes;
import static io.holdfast.format.item.ItemJson.formatError;
import static io.holdfast.format.item.ItemJson.object;
import static io.holdfast.format.item.ItemJson.tree;
import static io.holdfast.format.item.ItemJson.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HttpResponseFormatParserTest
{
    private static HttpResponseFormat response(String format) throws Exception
    {
        return ItemJson.withFormat("http-response", format).httpResponse().orElseThrow();
    }

    private static String error(String format)
    {
        return formatError("http-response", format);
    }

    @Test
    void defaults() throws Exception
    {
        HttpResponseFormat f = response("{'body':'hello'}");
        assertEquals(Action.SEND, f.action());
        assertEquals(200, f.code());
        assertEquals(Optional.empty(), f.reason());
        assertEquals(List.of(), f.headers());
        assertArrayEquals(utf8("hello"), f.body());
        assertEquals(Optional.empty(), f.bodyPatch());
        assertEquals(List.of(), f.contentFilters());
    }

    @Test
    void readsEveryField() throws Exception
    {
        HttpResponseFormat f = response("{'action':'send','code':404,'reason':'Gone Fishing',"
            + "'headers':{'Content-Type':'text/plain'},'content-filters':['var-subst'],'body':'x'}");
        assertEquals(404, f.code());
        assertEquals(Optional.of("Gone Fishing"), f.reason());
        assertEquals(List.of(new HeaderField("Content-Type", "text/plain")), f.headers());
        assertEquals(List.of("var-subst"), f.contentFilters());
    }

    @Test
    void codeIsReadAsQtReadsIt() throws Exception
    {
        // checked against Pushpin 1.36 by holding a long-poll and publishing each code
        Map<String, Integer> codes = Map.ofEntries(
            Map.entry("0", 0), Map.entry("999", 999), Map.entry("201", 201),
            Map.entry("'201'", 201), Map.entry("' 201 '", 201), Map.entry("'+201'", 201),
            Map.entry("200.5", 201), Map.entry("201.5", 202), Map.entry("200.4", 200),
            Map.entry("2.01e2", 201), Map.entry("-0.4", 0), Map.entry("'00201'", 201), Map.entry("'-0'", 0),
            Map.entry("'\\t201\\n'", 201));
        for (Map.Entry<String, Integer> code : codes.entrySet())
        {
            assertEquals(code.getValue(), response("{'code':" + code.getKey() + ",'body':'x'}").code(), code.getKey());
        }
    }

    @Test
    void codeOutOfRangeOrNotANumberIsInvalid()
    {
        // Pushpin accepts 'abc', '' and '201.5' as code 0 and true as 1; we do not (see corpus)
        for (String code : List.of("1000", "-1", "1e10", "'9999999999'", "'-5'", "4294967496",
            "'abc'", "''", "'201.5'", "'0x10'"))
        {
            assertEquals("'http-response' contains 'code' with invalid value",
                error("{'code':" + code + ",'body':'x'}"), code);
        }
        for (String code : List.of("null", "[]", "{}", "true", "false"))
        {
            assertEquals("'http-response' contains 'code' with wrong type",
                error("{'code':" + code + ",'body':'x'}"), code);
        }
    }

    @Test
    void longDigitStringsAreJudgedWithoutBigArithmetic() throws Exception
    {
        String zeros = "0".repeat(1_000_000);
        assertEquals(201, response("{'code':'" + zeros + "201','body':'x'}").code());
        assertEquals("'http-response' contains 'code' with invalid value", error("{'code':'1" + zeros + "','body':'x'}"));
        assertEquals("'http-response' contains 'code' with invalid value", error("{'code':'-1" + zeros + "','body':'x'}"));
    }

    @Test
    void emptyReasonMeansTheStandardPhrase() throws Exception
    {
        assertEquals(Optional.empty(), response("{'reason':'','body':'x'}").reason());
    }

    @Test
    void headerPairsKeepOrderAndRepeats() throws Exception
    {
        HttpResponseFormat f = response("{'headers':[['X-B','1'],['X-A','2'],['X-B','3']],'body':'x'}");
        assertEquals(List.of(new HeaderField("X-B", "1"), new HeaderField("X-A", "2"), new HeaderField("X-B", "3")),
            f.headers());
    }

    @Test
    void headerObjectIsSortedByNameAsPushpinSendsIt() throws Exception
    {
        HttpResponseFormat f = response("{'headers':{'X-B':'1','X-A':'2','X-C':''},'body':'x'}");
        assertEquals(List.of(new HeaderField("X-A", "2"), new HeaderField("X-B", "1"), new HeaderField("X-C", "")),
            f.headers());
    }

    @Test
    void headerListKeepsItsOrder() throws Exception
    {
        HttpResponseFormat f = response("{'headers':[['X-B','1'],['X-A','2']],'body':'x'}");
        assertEquals(List.of(new HeaderField("X-B", "1"), new HeaderField("X-A", "2")), f.headers());
    }

    @Test
    void headerErrorsUsePushpinsWording()
    {
        assertEquals("'http-response' contains 'headers' with wrong type", error("{'headers':'x','body':'x'}"));
        assertEquals("headers contains 'A' with wrong type", error("{'headers':{'B':1,'A':null},'body':'x'}"));
        assertEquals("headers contains element with wrong type", error("{'headers':[['A','x'],'B'],'body':'x'}"));
        assertEquals("headers contains list with wrong number of elements", error("{'headers':[['A']],'body':'x'}"));
        assertEquals("headers contains list with wrong number of elements",
            error("{'headers':[['A','x','y']],'body':'x'}"));
        assertEquals("header contains name element with wrong type", error("{'headers':[[1,2]],'body':'x'}"));
        assertEquals("header contains value element with wrong type", error("{'headers':[['A',null]],'body':'x'}"));
    }

    @Test
    void bodyBinIsBase64AndWinsOverBody() throws Exception
    {
        assertArrayEquals(new byte[] {0, (byte) 0xff}, response("{'body-bin':'AP8='}").body());
        assertArrayEquals(utf8("hi"), response("{'body-bin':'aGk=','body':1}").body());
        assertEquals("'http-response' contains 'body-bin' with invalid value", error("{'body-bin':'!!'}"));
        assertEquals("'http-response' contains 'body-bin' with wrong type", error("{'body-bin':1,'body':'x'}"));
    }

    @Test
    void bodyPatchIsKeptAsJson() throws Exception
    {
        HttpResponseFormat f = response("{'body-patch':[{'op':'replace','path':'/a','value':1}]}");
        assertEquals(tree("[{'op':'replace','path':'/a','value':1}]"), f.bodyPatch().orElseThrow());
        assertArrayEquals(new byte[0], f.body());
        assertEquals(tree("[]"), response("{'body-patch':[]}").bodyPatch().orElseThrow());
        assertEquals("'http-response' contains 'body-patch' with wrong type", error("{'body-patch':{}}"));
    }

    @Test
    void bodyWinsOverBodyPatch() throws Exception
    {
        HttpResponseFormat f = response("{'body':'x','body-patch':1}");
        assertArrayEquals(utf8("x"), f.body());
        assertEquals(Optional.empty(), f.bodyPatch());
    }

    @Test
    void bodyPatchDoesNotChangeWithItsTree() throws Exception
    {
        JsonNode format = tree("{'body-patch':[{'op':'remove','path':'/a'}]}");
        HttpResponseFormat f = HttpResponseFormatParser.parse(format, ItemEncoding.JSON);
        ((ObjectNode) format.get("body-patch").get(0)).put("op", "add");
        assertEquals("remove", f.bodyPatch().orElseThrow().get(0).get("op").textValue());
    }

    @Test
    void missingOrBadBodyIsReported()
    {
        assertEquals("'http-response' does not contain 'body', 'body-bin', or 'body-patch'", error("{}"));
        assertEquals("'http-response' contains 'body' with wrong type", error("{'body':null}"));
        assertEquals("'http-response' is not an object", error("[]"));
    }

    @Test
    void fieldsAreCheckedInPushpinsOrder()
    {
        // action, code, reason, headers, content-filters, then the body
        assertEquals("", error("{'action':'x','code':-1}"));
        assertEquals("'http-response' contains 'code' with invalid value", error("{'code':1000,'reason':1}"));
        assertEquals("'http-response' contains 'reason' with wrong type", error("{'reason':1,'headers':1}"));
        assertEquals("'http-response' contains 'headers' with wrong type", error("{'headers':1,'content-filters':1}"));
        assertEquals("'http-response' contains 'content-filters' with wrong type", error("{'content-filters':1}"));
    }

    @Test
    void closeAndHintCarryNothingAndCheckNothing() throws Exception
    {
        for (Action action : List.of(Action.CLOSE, Action.HINT))
        {
            String name = action.name().toLowerCase(Locale.ROOT);
            HttpResponseFormat f = response("{'action':'" + name + "','code':'x','headers':1,'body':1}");
            assertEquals(action, f.action());
            assertEquals(200, f.code());
            assertEquals(List.of(), f.headers());
            assertArrayEquals(new byte[0], f.body());
        }
    }

    @Test
    void byteStringsFromTnetstrings() throws Exception
    {
        ObjectNode format = object();
        format.set("code", bytes("201"));
        format.set("reason", bytes("Made"));
        format.set("headers", format.arrayNode().add(format.arrayNode().add(bytes("X-A")).add(bytes("1"))));
        format.set("body", bytes((byte) 0xff));
        HttpResponseFormat f = HttpResponseFormatParser.parse(format, ItemEncoding.TNETSTRING);
        assertEquals(201, f.code());
        assertEquals(Optional.of("Made"), f.reason());
        assertEquals(List.of(new HeaderField("X-A", "1")), f.headers());
        assertArrayEquals(new byte[] {(byte) 0xff}, f.body());

        // as in Pushpin, a tnetstring's 'body-bin' is not read: its 'body' already carries raw bytes
        ObjectNode bin = object().set("body-bin", bytes("raw"));
        GripFormatException e = assertThrows(GripFormatException.class,
            () -> HttpResponseFormatParser.parse(bin, ItemEncoding.TNETSTRING));
        assertEquals("'http-response' does not contain 'body' or 'body-patch'", e.getMessage());
    }
}
