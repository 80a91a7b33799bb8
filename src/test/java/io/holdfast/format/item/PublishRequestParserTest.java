// SPDX-License-Identifier: Apache-2.0
package io.holdfast.format.item;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.holdfast.format.GripFormatException;

import static io.holdfast.format.item.ItemJson.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PublishRequestParserTest
{
    private static final String STREAM = "{\"channel\":\"%s\",\"formats\":{\"http-stream\":{\"content\":\"x\"}}}";

    private static List<PublishItem> parse(String body) throws GripFormatException
    {
        return PublishRequestParser.parse(utf8(body));
    }

    private static String error(String body)
    {
        return assertThrows(GripFormatException.class, () -> parse(body)).getMessage();
    }

    @Test
    void itemsComeBackInBodyOrder() throws Exception
    {
        List<PublishItem> items = parse("{\"items\":[" + STREAM.formatted("a") + "," + STREAM.formatted("b") + "]}");
        assertEquals(List.of("a", "b"), items.stream().map(PublishItem::channel).toList());
        assertThrows(UnsupportedOperationException.class, () -> items.add(items.get(0)));
    }

    @Test
    void emptyItemsIsValid() throws Exception
    {
        assertEquals(List.of(), parse("{\"items\":[]}"));
        assertEquals(List.of(), parse("{\"items\":[],\"other\":1}"));
    }

    @Test
    void envelopeErrorsAreWholeResponseBodies()
    {
        assertEquals("Body is not valid JSON.", error(""));
        assertEquals("Body is not valid JSON.", error("{\"items\":[],}"));
        assertEquals("Body is not valid JSON.", error("\"items\""));
        assertEquals("Invalid format.", error("[{\"items\":[]}]"));
        assertEquals("Invalid format: object does not contain 'items'", error("{}"));
        assertEquals("Invalid format: object contains 'items' with wrong type", error("{\"items\":{}}"));
        assertEquals("Invalid format: object contains 'items' with wrong type", error("{\"items\":null}"));
    }

    @Test
    void itemErrorsArePrefixed()
    {
        assertEquals("Invalid format: publish item object is not an object", error("{\"items\":[1]}"));
        assertEquals("Invalid format: no formats specified", error("{\"items\":[{\"channel\":\"c\"}]}"));
        assertEquals("Invalid format: ",
            error("{\"items\":[{\"channel\":\"c\",\"http-stream\":{\"action\":\"x\"}}]}"));
    }

    @Test
    void oneBadItemRejectsTheBatchAndTheFirstErrorWins()
    {
        assertEquals("Invalid format: no formats specified",
            error("{\"items\":[" + STREAM.formatted("a") + ",{\"channel\":\"b\"},{\"channel\":1}]}"));
    }

    @Test
    void lastDuplicateKeyWins() throws Exception
    {
        assertEquals(List.of(), parse("{\"items\":1,\"items\":[]}"));
        assertEquals("Invalid format: object contains 'items' with wrong type", error("{\"items\":[],\"items\":1}"));
    }
}
