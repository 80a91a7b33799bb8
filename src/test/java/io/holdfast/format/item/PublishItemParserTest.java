// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;

import static io.holdfast.format.item.ItemJson.bytes;
import static io.holdfast.format.item.ItemJson.error;
import static io.holdfast.format.item.ItemJson.item;
import static io.holdfast.format.item.ItemJson.object;
import static io.holdfast.format.item.ItemJson.tree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishItemParserTest
{
    private static final String STREAM = "'formats':{'http-stream':{'content':'x'}}";

    @Test
    void readsEveryItemField() throws Exception
    {
        PublishItem item = item("{'channel':'news','id':'i2','prev-id':'i1','meta':{'sender':'u1'},"
            + "'size':42,'no-seq':true,'formats':{"
            + "'http-response':{'body':'r'},'http-stream':{'content':'s'},'ws-message':{'content':'w'}}}");
        assertEquals("news", item.channel());
        assertEquals(Optional.of("i2"), item.id());
        assertEquals(Optional.of("i1"), item.prevId());
        assertEquals(Map.of("sender", "u1"), item.meta());
        assertTrue(item.noSeq());
        assertArrayEquals(ItemJson.utf8("r"), item.httpResponse().orElseThrow().body());
        assertArrayEquals(ItemJson.utf8("s"), item.httpStream().orElseThrow().content());
        assertArrayEquals(ItemJson.utf8("w"), item.wsMessage().orElseThrow().content());
    }

    @Test
    void optionalFieldsDefault() throws Exception
    {
        PublishItem item = item("{'channel':'c'," + STREAM + "}");
        assertEquals(Optional.empty(), item.id());
        assertEquals(Optional.empty(), item.prevId());
        assertEquals(Map.of(), item.meta());
        assertFalse(item.noSeq());
        assertTrue(item.httpStream().isPresent());
        assertEquals(Optional.empty(), item.httpResponse());
        assertEquals(Optional.empty(), item.wsMessage());
    }

    @Test
    void emptyStringsAreKeptAsGiven() throws Exception
    {
        // Pushpin accepts an empty channel and empty ids too
        PublishItem item = item("{'channel':'','id':'','prev-id':''," + STREAM + "}");
        assertEquals("", item.channel());
        assertEquals(Optional.of(""), item.id());
        assertEquals(Optional.of(""), item.prevId());
    }

    @Test
    void noSeqFalseIsAccepted() throws Exception
    {
        assertFalse(item("{'channel':'c','no-seq':false," + STREAM + "}").noSeq());
    }

    @Test
    void legacyFlatFormReadsFormatsFromTheItem() throws Exception
    {
        PublishItem item = item("{'channel':'c','http-stream':{'content':'s'},'ws-message':{'content':'w'}}");
        assertTrue(item.httpStream().isPresent());
        assertTrue(item.wsMessage().isPresent());
        assertEquals(Optional.empty(), item.httpResponse());
    }

    @Test
    void formatsObjectWinsOverFlatKeys() throws Exception
    {
        PublishItem item = item("{'channel':'c','http-stream':1,'formats':{'ws-message':{'content':'w'}}}");
        assertEquals(Optional.empty(), item.httpStream());
        assertTrue(item.wsMessage().isPresent());
    }

    @Test
    void unknownFormatKeysAreIgnoredEvenWhenNoneIsLeft() throws Exception
    {
        // Pushpin only requires the formats object to be non-empty, then skips unknown keys
        PublishItem item = item("{'channel':'c','formats':{'http_stream':{'content':'x'}}}");
        assertEquals(Optional.empty(), item.httpResponse());
        assertEquals(Optional.empty(), item.httpStream());
        assertEquals(Optional.empty(), item.wsMessage());
    }

    @Test
    void missingFormatsAreReported()
    {
        assertEquals("no formats specified", error("{'channel':'c'}"));
        assertEquals("no formats specified", error("{'channel':'c','formats':{}}"));
        assertEquals("no formats specified", error("{'channel':'c','http_stream':{'content':'x'}}"));
    }

    @Test
    void metaTakesEveryStringValue() throws Exception
    {
        PublishItem item = item("{'channel':'c','meta':{'b':'2','a':'1','c':''}," + STREAM + "}");
        assertEquals(Map.of("a", "1", "b", "2", "c", ""), item.meta());
    }

    @Test
    void metaErrorNamesTheSmallestBadKeyAsPushpinsSortedWalkDoes()
    {
        assertEquals("'meta' contains 'a' with wrong type",
            error("{'channel':'c','meta':{'c':1,'b':'ok','a':[]}," + STREAM + "}"));
        assertEquals("'meta' contains 'B' with wrong type",
            error("{'channel':'c','meta':{'b':1,'B':2}," + STREAM + "}"));
    }

    @Test
    void sizeIsValidatedAndDropped() throws Exception
    {
        for (String size : List.of("0", "5", "'5'", "' 7 '", "1.5", "-0.4", "2147483647"))
        {
            assertEquals("c", item("{'channel':'c','size':" + size + "," + STREAM + "}").channel(), size);
        }
        for (String size : List.of("-1", "'-5'", "-0.6", "2147483648", "1e10", "'abc'", "''"))
        {
            assertEquals("publish item object contains 'size' with invalid value",
                error("{'channel':'c','size':" + size + "," + STREAM + "}"), size);
        }
        for (String size : List.of("null", "true", "[]", "{}"))
        {
            assertEquals("publish item object contains 'size' with wrong type",
                error("{'channel':'c','size':" + size + "," + STREAM + "}"), size);
        }
    }

    @Test
    void wrongTypesAreReportedPerField()
    {
        assertEquals("publish item object is not an object", assertThrows(GripFormatException.class,
            () -> PublishItemParser.parse(tree("[]"))).getMessage());
        assertEquals("publish item object does not contain 'channel'", error("{" + STREAM + "}"));
        assertEquals("publish item object contains 'channel' with wrong type",
            error("{'channel':null," + STREAM + "}"));
        assertEquals("publish item object contains 'id' with wrong type",
            error("{'channel':'c','id':7," + STREAM + "}"));
        assertEquals("publish item object contains 'prev-id' with wrong type",
            error("{'channel':'c','prev-id':{}," + STREAM + "}"));
        assertEquals("publish item object contains 'formats' with wrong type", error("{'channel':'c','formats':[]}"));
        assertEquals("publish item object contains 'meta' with wrong type",
            error("{'channel':'c','meta':'x'," + STREAM + "}"));
        assertEquals("publish item object contains 'no-seq' with wrong type",
            error("{'channel':'c','no-seq':'true'," + STREAM + "}"));
    }

    @Test
    void fieldsAreCheckedInPushpinsOrder()
    {
        // channel, id, prev-id, formats, the formats, meta, size, no-seq
        assertEquals("publish item object contains 'channel' with wrong type", error("{'channel':1,'id':1}"));
        assertEquals("publish item object contains 'id' with wrong type", error("{'channel':'c','id':1,'prev-id':1}"));
        assertEquals("publish item object contains 'prev-id' with wrong type", error("{'channel':'c','prev-id':1}"));
        assertEquals("'http-stream' does not contain 'content' or 'content-bin'",
            error("{'channel':'c','meta':1,'formats':{'http-stream':{}}}"));
        assertEquals("'http-response' is not an object",
            error("{'channel':'c','formats':{'ws-message':1,'http-stream':1,'http-response':1}}"));
        assertEquals("'http-stream' is not an object",
            error("{'channel':'c','formats':{'ws-message':1,'http-stream':1}}"));
        assertEquals("publish item object contains 'meta' with wrong type",
            error("{'channel':'c','meta':1,'size':-1,'no-seq':1," + STREAM + "}"));
        assertEquals("publish item object contains 'size' with invalid value",
            error("{'channel':'c','size':-1,'no-seq':1," + STREAM + "}"));
    }

    @Test
    void byteStringsFromTnetstringsAreReadAsUtf8Text() throws Exception
    {
        ObjectNode stream = object().set("content", bytes("x"));
        ObjectNode item = object();
        item.set("channel", bytes("k\u00e4nal"));
        item.set("id", bytes("i2"));
        item.set("prev-id", bytes("i1"));
        item.set("meta", object().set("user", bytes("\u00fc")));
        item.set("formats", object().set("http-stream", stream));
        PublishItem parsed = PublishItemParser.parse(item);
        assertEquals("k\u00e4nal", parsed.channel());
        assertEquals(Optional.of("i2"), parsed.id());
        assertEquals(Optional.of("i1"), parsed.prevId());
        assertEquals(Map.of("user", "\u00fc"), parsed.meta());
    }

    @Test
    void malformedUtf8InByteStringsIsReplacedAsQtDoes() throws Exception
    {
        ObjectNode item = object();
        item.set("channel", bytes((byte) 'a', (byte) 0xff, (byte) 'b'));
        item.set("http-stream", object().put("content", "x"));
        assertEquals("a\uFFFDb", PublishItemParser.parse(item).channel());
    }

    @Test
    void subInputChannelReplacesTheItemsOwn() throws Exception
    {
        assertEquals("sub", PublishItemParser.parseWithChannel(tree("{" + STREAM + "}"), "sub").channel());
        // the item's field is not read at all, so even a wrong type passes, as in Pushpin
        assertEquals("sub", PublishItemParser.parseWithChannel(tree("{'channel':1," + STREAM + "}"), "sub").channel());
    }

    @Test
    void parsedItemDoesNotChangeWithItsTree() throws Exception
    {
        JsonNode tree = tree("{'channel':'c','meta':{'a':'1'},'formats':{'http-stream':{'content':'x'}}}");
        PublishItem item = PublishItemParser.parse(tree);
        ((ObjectNode) tree.get("meta")).put("a", "2");
        ((ObjectNode) tree.get("formats").get("http-stream")).put("content", "y");
        assertEquals(Map.of("a", "1"), item.meta());
        assertArrayEquals(ItemJson.utf8("x"), item.httpStream().orElseThrow().content());
        assertThrows(UnsupportedOperationException.class, () -> item.meta().put("b", "2"));
    }
}
