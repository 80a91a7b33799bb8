// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real browser for tests: Debian's Chromium, headless, driven over its DevTools protocol (a
 * WebSocket on loopback) to open a page, read what its scripts made of it, and take a screenshot.
 */
public final class HeadlessChromium implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Process process;
    private final WebSocket devTools;
    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket devTools)
    {
        this.process = process;
        this.devTools = devTools;
    }

    /** The browser, when one is installed ({@code apt-get install chromium}). */
    public static Optional<Path> binary()
    {
        for (String candidate : new String[]{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
        {
            if (Files.isExecutable(Path.of(candidate)))
                return Optional.of(Path.of(candidate));
        }
        return Optional.empty();
    }

    /** Starts a fresh browser whose profile lives in {@code profile}, with one blank page to drive. */
    public static HeadlessChromium start(Path profile) throws Exception
    {
        Path binary = binary().orElseThrow(() -> new AssertionError("no Chromium: apt-get install -y chromium"));
        // No sandbox: CI runs as root, where Chromium refuses to start with one.
        Process process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
            "--no-first-run", "--no-default-browser-check", "--window-size=1000,800", "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0", "--user-data-dir=" + profile.toAbsolutePath(), "about:blank")
            .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        Await.until("Chromium's DevTools port", WAIT, () -> Files.exists(portFile) && portFile.toFile().length() > 0);
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> pages = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
            HttpResponse.BodyHandlers.ofString());
        String pageSocket = null;
        for (JsonNode page : JSON.readTree(pages.body()))
        {
            if (page.path("type").asText().equals("page"))
                pageSocket = page.path("webSocketDebuggerUrl").asText();
        }
        if (pageSocket == null)
            throw new AssertionError("Chromium has no page to drive: " + pages.body());
        HeadlessChromium[] browser = new HeadlessChromium[1];
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new Listener(browser)).get(10, TimeUnit.SECONDS);
        browser[0] = new HeadlessChromium(process, socket);
        return browser[0];
    }

    public void navigate(String url) throws Exception
    {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /** What {@code expression} evaluates to in the page, as text (empty for null or undefined). */
    public String evaluate(String expression)
    {
        JsonNode result;
        try
        {
            result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
        }
        catch (Exception e)
        {
            throw new IllegalStateException("evaluating " + expression, e);
        }
        JsonNode value = result.path("result").path("value");
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    /** The text of the element with {@code id}, or empty when there is none. */
    public String text(String id)
    {
        return evaluate("(document.getElementById('" + id + "') || {}).textContent || ''");
    }

    /** Saves what the whole page looks like now as a PNG, below the window's height too. */
    public void screenshot(Path png) throws Exception
    {
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.putObject("clip").put("x", 0).put("y", 0).put("scale", 1)
            .put("width", Long.parseLong(evaluate("String(document.documentElement.scrollWidth)")))
            .put("height", Long.parseLong(evaluate("String(document.documentElement.scrollHeight)")));
        JsonNode shot = call("Page.captureScreenshot", params);
        Files.write(png, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    private JsonNode call(String method, ObjectNode params) throws Exception
    {
        int id = nextId.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        devTools.sendText(message.toString(), true).get(10, TimeUnit.SECONDS);
        JsonNode reply = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error"))
            throw new AssertionError(method + " failed: " + reply.get("error"));
        return reply.path("result");
    }

    @Override
    public void close() throws InterruptedException
    {
        devTools.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS))
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Hands each reply to the call that waits for it; events are ignored. */
    private static final class Listener implements WebSocket.Listener
    {
        private final HeadlessChromium[] browser;
        private final StringBuilder partial = new StringBuilder();

        Listener(HeadlessChromium[] browser)
        {
            this.browser = browser;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last)
        {
            partial.append(data);
            if (last)
            {
                try
                {
                    JsonNode message = JSON.readTree(partial.toString());
                    CompletableFuture<JsonNode> waiting = message.has("id") && browser[0] != null
                        ? browser[0].pending.remove(message.get("id").asInt()) : null;
                    if (waiting != null)
                        waiting.complete(message);
                }
                catch (IOException e)
                {
                    // not JSON: nothing waits for it
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
