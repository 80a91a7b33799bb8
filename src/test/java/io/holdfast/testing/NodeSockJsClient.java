// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The real sockjs-client from npm, run by Node.js ({@code src/test/sockjs/client.js}) with one
 * transport forced: commands go to its stdin, and its events (one JSON object a line: open,
 * message, heartbeat, close) are recorded in order, so a test reads them sequentially. The npm
 * package is installed on first use ({@link NpmPackages}).
 */
public final class NodeSockJsClient implements AutoCloseable
{
    public static final Path DIRECTORY = Path.of("src/test/sockjs");

    private final NodeEvents node;

    private NodeSockJsClient(NodeEvents node)
    {
        this.node = node;
    }

    /** Installs the pinned sockjs-client from the lockfile unless it is there already. */
    public static boolean installPackage() throws IOException, InterruptedException
    {
        return NpmPackages.install(DIRECTORY, "sockjs-client");
    }

    /** Starts a client of the SockJS service at {@code url} that may only use {@code transport}. */
    public static NodeSockJsClient connect(String url, String transport) throws IOException
    {
        return new NodeSockJsClient(NodeEvents.start(DIRECTORY, "client.js", url, transport));
    }

    /** Asks the client to send {@code text} (a message once open). */
    public void send(String text) throws IOException
    {
        node.command("send " + text);
    }

    /** The next event other than a heartbeat, waiting up to ten seconds. */
    public JsonNode next() throws InterruptedException
    {
        while (true)
        {
            JsonNode event = node.next("the SockJS client");
            if (!event.path("event").asText().equals("heartbeat"))
                return event;
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        node.close();
    }
}
