// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Dependencies point inward: the pure formats and parsers import no container, Jetty or ZeroMQ
 * class, the hub imports none either, and only {@code app} may depend on everything.
 */
class LayeringTest
{
    private static final List<String> CONTAINERS = List.of("jakarta.", "org.eclipse.jetty.", "org.zeromq.");
    /** The Redis client and what it brings: for the broker's Redis engine only. */
    private static final List<String> LETTUCE = List.of("io.lettuce.", "io.netty.", "reactor.");
    private static final List<String> EDGES = List.of("io.holdfast.hub.", "io.holdfast.transport.", "io.holdfast.proxy.",
        "io.holdfast.publish.", "io.holdfast.dashboard.", "io.holdfast.app.");

    private static final Map<String, List<String>> FORBIDDEN = Map.ofEntries(
        // the broker API is engine-neutral; only its Redis engine (broker/redis) may use Lettuce
        Map.entry("broker", concat(CONTAINERS, EDGES)),
        Map.entry("route", concat(CONTAINERS, EDGES)),
        Map.entry("instruct", concat(CONTAINERS, EDGES)),
        Map.entry("format", concat(CONTAINERS, EDGES)),
        Map.entry("config", concat(CONTAINERS, EDGES)),
        Map.entry("net", concat(CONTAINERS, EDGES)),
        Map.entry("stats", concat(CONTAINERS, EDGES)),
        Map.entry("hub", concat(CONTAINERS, EDGES.subList(1, EDGES.size()))),
        Map.entry("transport", List.of("io.holdfast.proxy.", "io.holdfast.publish.", "io.holdfast.dashboard.", "io.holdfast.app.")),
        Map.entry("proxy", List.of("io.holdfast.publish.", "io.holdfast.dashboard.", "io.holdfast.app.")),
        Map.entry("publish", List.of("io.holdfast.transport.", "io.holdfast.proxy.", "io.holdfast.dashboard.",
            "io.holdfast.app.")),
        // the dashboard watches through the hub, the stats and a held stream; it publishes nothing
        Map.entry("dashboard", List.of("io.holdfast.proxy.", "io.holdfast.publish.", "io.holdfast.app.")));

    /**
     * Siblings keep apart: the formats know nothing of routes, the ZeroMQ inputs nothing of servlets,
     * the HTTP and WebSocket transports nothing of each other (what both need lives in
     * {@code transport} itself). ({@link #importsPointInward} keeps everyone but {@code app} off {@code app}.)
     */
    private static final List<Map.Entry<String, List<String>>> SIBLINGS = List.of(
        Map.entry("format", List.of("io.holdfast.route.")),
        Map.entry("publish/zmq", List.of("jakarta.", "io.holdfast.publish.http.")),
        Map.entry("publish/http", List.of("org.zeromq.", "io.holdfast.publish.zmq.")),
        Map.entry("transport/ws", List.of("io.holdfast.transport.http.")),
        Map.entry("transport/http", List.of("io.holdfast.transport.ws.", "io.holdfast.transport.sockjs.")));

    @Test
    void siblingsKeepApart() throws IOException
    {
        List<String> violations = new ArrayList<>();
        Path root = Path.of("src/main/java/io/holdfast");
        for (Map.Entry<String, List<String>> rule : SIBLINGS)
            violations.addAll(importsIn(root.resolve(rule.getKey()), rule.getValue()));
        assertEquals(List.of(), violations);
    }

    @Test
    void importsPointInward() throws IOException
    {
        List<String> violations = new ArrayList<>();
        Path root = Path.of("src/main/java/io/holdfast");
        for (Map.Entry<String, List<String>> layer : FORBIDDEN.entrySet())
            violations.addAll(importsIn(root.resolve(layer.getKey()), layer.getValue()));
        assertEquals(List.of(), violations);
    }

    /**
     * Lettuce stays inside the broker's Redis engine: the broker API ({@code io.holdfast.broker}
     * itself) is engine-neutral, and nothing else imports the client.
     */
    @Test
    void onlyTheRedisEngineUsesLettuce() throws IOException
    {
        Path engine = Path.of("src/main/java/io/holdfast/broker/redis");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(Path.of("src/main/java")))
        {
            for (Path dir : dirs.filter(Files::isDirectory).filter(d -> !d.startsWith(engine)).toList())
                violations.addAll(importsIn(dir, LETTUCE, 1));
        }
        violations.addAll(importsIn(Path.of("src/jetty/java"), LETTUCE));
        assertEquals(List.of(), violations);
    }

    /**
     * The WAR never links against Jetty's server (a webapp cannot see it, and Tomcat has none) or
     * the container code beside it; the container code (src/jetty) stands alone on Jetty's class path.
     */
    @Test
    void theWarAndTheContainerCodeStayApart() throws IOException
    {
        List<String> violations = new ArrayList<>();
        violations.addAll(importsIn(Path.of("src/main/java"), List.of("org.eclipse.jetty.server.", "io.holdfast.jetty.")));
        violations.addAll(importsIn(Path.of("src/jetty/java"), List.of("io.holdfast.app.", "io.holdfast.proxy.",
            "io.holdfast.transport.", "io.holdfast.publish.", "io.holdfast.hub.", "io.holdfast.format.", "jakarta.")));
        assertEquals(List.of(), violations);
    }

    private static List<String> importsIn(Path root, List<String> forbidden) throws IOException
    {
        return importsIn(root, forbidden, Integer.MAX_VALUE);
    }

    /** The forbidden imports of the files in {@code root}, and in its folders down to {@code depth} levels. */
    private static List<String> importsIn(Path root, List<String> forbidden, int depth) throws IOException
    {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, depth))
        {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList())
            {
                for (String line : Files.readAllLines(file))
                {
                    if (line.startsWith("import ") && forbidden.stream().anyMatch(line.substring(7).replace("static ", "")::startsWith))
                        violations.add(file + ": " + line);
                }
            }
        }
        return violations;
    }

    private static List<String> concat(List<String> a, List<String> b)
    {
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }
}
