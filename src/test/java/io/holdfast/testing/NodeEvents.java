// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Node.js script driven line by line: commands go to its stdin, and its events (one JSON object
 * a line on stdout) are recorded in order, so a test reads them sequentially. Its standard error
 * goes to the test's.
 */
final class NodeEvents implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private NodeEvents(Process process)
    {
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(this::read, "node-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs {@code node script arguments...} in {@code directory}. */
    static NodeEvents start(Path directory, String script, String... arguments) throws IOException
    {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        return new NodeEvents(process);
    }

    /** Writes one command line to the script. */
    void command(String line) throws IOException
    {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** The next event, waiting up to ten seconds; {@code what} names the script in a failure. */
    JsonNode next(String what) throws InterruptedException
    {
        JsonNode event = events.poll(10, TimeUnit.SECONDS);
        if (event == null)
            throw new AssertionError(what + " reported nothing");
        return event;
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
            // the script exited
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
