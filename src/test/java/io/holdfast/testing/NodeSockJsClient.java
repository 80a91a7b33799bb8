// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real sockjs-client from npm, run by Node.js ({@code src/test/sockjs/client.js}) with one
 * transport forced: commands go to its stdin, and its events (one JSON object a line: open,
 * message, heartbeat, close) are recorded in order, so a test reads them sequentially. The npm
 * package is installed on first use ({@link NpmPackages}).
 */
public final class NodeSockJsClient implements AutoCloseable
{
    public static final Path DIRECTORY = Path.of("src/test/sockjs");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private NodeSockJsClient(Process process)
    {
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(this::read, "sockjs-client-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Installs the pinned sockjs-client from the lockfile unless it is there already. */
    public static boolean installPackage() throws IOException, InterruptedException
    {
        return NpmPackages.install(DIRECTORY, "sockjs-client");
    }

    /** Starts a client of the SockJS service at {@code url} that may only use {@code transport}. */
    public static NodeSockJsClient connect(String url, String transport) throws IOException
    {
        Process process = new ProcessBuilder("node", "client.js", url, transport)
            .directory(DIRECTORY.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        return new NodeSockJsClient(process);
    }

    /** Asks the client to send {@code text} (a message once open). */
    public void send(String text) throws IOException
    {
        command("send " + text);
    }

    /** The next event other than a heartbeat, waiting up to ten seconds. */
    public JsonNode next() throws InterruptedException
    {
        while (true)
        {
            JsonNode event = events.poll(10, TimeUnit.SECONDS);
            if (event == null)
                throw new AssertionError("the SockJS client reported nothing");
            if (!event.path("event").asText().equals("heartbeat"))
                return event;
        }
    }

    private void command(String line) throws IOException
    {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private void read()
    {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            for (String line = lines.readLine(); line != null; line = lines.readLine())
                events.add(JSON.readTree(line));
        }
        catch (IOException e)
        {
            // the client exited
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS))
            process.destroyForcibly();
    }
}
