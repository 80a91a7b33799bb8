// SPDX-License-Identifier: Apache-2.0
package io.holdfast.instruct;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.HeaderField;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WsControlParserTest
{
    @Test
    void subscribeWithAndWithoutFilters() throws Exception
    {
        assertEquals(Optional.of(new WsControl.Subscribe("c", List.of())), parse("{\"type\":\"subscribe\",\"channel\":\"c\"}"));
        assertEquals(Optional.of(new WsControl.Subscribe("c", List.of("skip-self", "require-sub"))),
            parse("{\"type\":\"subscribe\",\"channel\":\"c\",\"filters\":[\"skip-self\",\"require-sub\"]}"));
    }

    @Test
    void subscribeWithAPrevIdToCatchUpFrom() throws Exception
    {
        assertEquals(Optional.of(new WsControl.Subscribe("c", List.of(), Optional.of("7"))),
            parse("{\"type\":\"subscribe\",\"channel\":\"c\",\"prev-id\":\"7\"}"));
        GripFormatException e = assertThrows(GripFormatException.class,
            () -> parse("{\"type\":\"subscribe\",\"channel\":\"c\",\"prev-id\":7}"));
        assertEquals("control message contains 'prev-id' with wrong type", e.getMessage());
    }

    @Test
    void unsubscribeDetachAndSetMeta() throws Exception
    {
        assertEquals(Optional.of(new WsControl.Unsubscribe("c")), parse("{\"type\":\"unsubscribe\",\"channel\":\"c\"}"));
        assertEquals(Optional.of(new WsControl.Detach()), parse("{\"type\":\"detach\"}"));
        assertEquals(Optional.of(new WsControl.SetMeta("user", Optional.of("alice"))),
            parse("{\"type\":\"set-meta\",\"name\":\"user\",\"value\":\"alice\"}"));
        assertEquals(Optional.of(new WsControl.SetMeta("user", Optional.empty())), parse("{\"type\":\"set-meta\",\"name\":\"user\"}"));
    }

    @Test
    void keepAliveDefaultsAndEveryField() throws Exception
    {
        WsControl.KeepAlive ka = (WsControl.KeepAlive)parse("{\"type\":\"keep-alive\",\"content\":\"ka\"}").orElseThrow();
        assertArrayEquals("ka".getBytes(StandardCharsets.UTF_8), ka.content().orElseThrow());
        assertEquals(WsControl.MessageType.TEXT, ka.type());
        assertEquals(55, ka.timeoutSeconds());
        assertEquals(false, ka.interval());

        ka = (WsControl.KeepAlive)parse("{\"type\":\"keep-alive\",\"content-bin\":\"AAE=\",\"message-type\":\"ping\","
            + "\"timeout\":3,\"mode\":\"interval\"}").orElseThrow();
        assertArrayEquals(new byte[]{0, 1}, ka.content().orElseThrow());
        assertEquals(WsControl.MessageType.PING, ka.type());
        assertEquals(3, ka.timeoutSeconds());
        assertTrue(ka.interval());

        ka = (WsControl.KeepAlive)parse("{\"type\":\"keep-alive\"}").orElseThrow();
        assertTrue(ka.content().isEmpty(), "no content turns keep-alives off");
    }

    @Test
    void typesHoldfastDoesNotImplementAreIgnored() throws Exception
    {
        assertEquals(Optional.empty(), parse("{\"type\":\"session\",\"id\":\"x\"}"));
        assertEquals(Optional.empty(), parse("{\"type\":\"send-delayed\",\"content\":\"x\"}"));
        assertEquals(Optional.empty(), parse("{\"type\":\"flush-delayed\"}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json|control message is not valid JSON",
        "[1]|control message is not an object",
        "{}|control message does not contain 'type'",
        "{\"type\":1}|control message contains 'type' with wrong type",
        "{\"type\":\"close\"}|unknown control message type 'close'",
        "{\"type\":\"subscribe\"}|control message does not contain 'channel'",
        "{\"type\":\"subscribe\",\"channel\":\"\"}|control message contains 'channel' with invalid value",
        "{\"type\":\"subscribe\",\"channel\":\"c\",\"filters\":\"x\"}|control message contains 'filters' with wrong type",
        "{\"type\":\"subscribe\",\"channel\":\"c\",\"filters\":[1]}|filters contains element with wrong type",
        "{\"type\":\"set-meta\"}|control message does not contain 'name'",
        "{\"type\":\"keep-alive\",\"content-bin\":\"!!\"}|control message contains 'content-bin' with invalid value",
        "{\"type\":\"keep-alive\",\"message-type\":\"frame\"}|control message contains 'message-type' with invalid value",
        "{\"type\":\"keep-alive\",\"timeout\":0}|control message contains 'timeout' with invalid value",
        "{\"type\":\"keep-alive\",\"timeout\":\"5\"}|control message contains 'timeout' with invalid value",
        "{\"type\":\"keep-alive\",\"mode\":\"often\"}|control message contains 'mode' with invalid value"})
    void errors(String json, String message)
    {
        assertEquals(message, assertThrows(GripFormatException.class, () -> parse(json)).getMessage());
    }

    @Test
    void gripExtensionPrefix()
    {
        assertEquals(Optional.of("m:"), GripWsExtension.messagePrefix(List.of(new HeaderField("Sec-WebSocket-Extensions", "grip"))));
        assertEquals(Optional.of("p:"), GripWsExtension.messagePrefix(
            List.of(new HeaderField("sec-websocket-extensions", "permessage-deflate, grip; message-prefix=\"p:\""))));
        assertEquals(Optional.of(""), GripWsExtension.messagePrefix(
            List.of(new HeaderField("Sec-WebSocket-Extensions", "grip; message-prefix=\"\""))));
        assertEquals(Optional.empty(), GripWsExtension.messagePrefix(List.of(new HeaderField("Sec-WebSocket-Extensions", "other"))));
        assertEquals(Optional.empty(), GripWsExtension.messagePrefix(List.of()));
    }

    private static Optional<WsControl> parse(String json) throws GripFormatException
    {
        return WsControlParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
