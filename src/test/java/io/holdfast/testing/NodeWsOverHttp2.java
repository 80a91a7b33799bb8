// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * WebSockets over one HTTP/2 connection (RFC 8441), opened by Node.js's own http2 module
 * ({@code src/test/h2ws/client.js}, no npm package): each {@link #open} is an extended CONNECT on
 * that connection. Events (settings, open, text, close, error) are read in order with {@link #next}.
 */
public final class NodeWsOverHttp2 implements AutoCloseable
{
    private static final Path DIRECTORY = Path.of("src/test/h2ws");

    private final NodeEvents node;

    private NodeWsOverHttp2(NodeEvents node)
    {
        this.node = node;
    }

    /**
     * Connects to {@code origin} ({@code http://127.0.0.1:PORT} for h2c, {@code https://...} for h2 over
     * TLS, certificate unchecked); the first event tells whether the server offers extended CONNECT.
     */
    public static NodeWsOverHttp2 connect(String origin) throws IOException
    {
        return new NodeWsOverHttp2(NodeEvents.start(DIRECTORY, "client.js", origin));
    }

    /** Opens WebSocket {@code id} on {@code path}, as a new stream of the connection. */
    public void open(String id, String path) throws IOException
    {
        node.command("open " + id + " " + path);
    }

    public void send(String id, String text) throws IOException
    {
        node.command("send " + id + " " + text);
    }

    public void close(String id) throws IOException
    {
        node.command("close " + id);
    }

    /** The next event, waiting up to ten seconds. */
    public JsonNode next() throws InterruptedException
    {
        return node.next("the HTTP/2 WebSocket client");
    }

    /**
     * The next event, which must be {@code kind} on WebSocket {@code id} with {@code field} equal to
     * {@code value} (e.g. {@code expect("text", "a", "data", "hello")}).
     */
    public JsonNode expect(String kind, String id, String field, String value) throws InterruptedException
    {
        JsonNode event = next();
        String expected = kind + " " + id + " " + field + "=" + value;
        assertEquals(expected, event.path("event").asText() + " " + event.path("id").asText() + " " + field + "="
            + event.path(field).asText(), "event " + event);
        return event;
    }

    /** The first event: whether the server offers extended CONNECT (SETTINGS_ENABLE_CONNECT_PROTOCOL). */
    public boolean offersExtendedConnect() throws InterruptedException
    {
        JsonNode settings = next();
        assertEquals("settings", settings.path("event").asText(), "the first event");
        return settings.path("enableConnectProtocol").asBoolean();
    }

    @Override
    public void close() throws InterruptedException
    {
        node.close();
    }
}
