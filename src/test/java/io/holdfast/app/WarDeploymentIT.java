// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.FakeWsOrigin;
import io.holdfast.testing.Ports;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.WsRecorder;
import io.holdfast.testing.ZmqClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.streamItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built WAR, unchanged, deployed in a jetty-home started on our jetty-base and in Tomcat 11
 * (both unpacked from Maven Central by the build): each must proxy a request, hold a stream and
 * deliver a publish to it, and serve WebSockets and SockJS. Runs the containers as separate processes, as users do.
 */
class WarDeploymentIT
{
    private static final Path TARGET = Path.of("target");
    private static final Path CONTAINERS = TARGET.resolve("containers");

    private FakeOrigin origin;
    private FakeWsOrigin wsOrigin;
    private Process container;
    private Path log;

    @BeforeEach
    void startOrigin() throws IOException
    {
        origin = new FakeOrigin();
        origin.on("/hello", 200, "hello from origin\n", "Content-Type", "text/plain");
        origin.on("/stream", 200, "opened\n", "Content-Type", "text/plain", "Grip-Hold", "stream", "Grip-Channel", "deploy");
        wsOrigin = new FakeWsOrigin();
    }

    @AfterEach
    void stop() throws Exception
    {
        if (container != null)
        {
            // jetty-base's start.d forks the server JVM (--exec): stop it as well as start.jar.
            List<ProcessHandle> forked = container.descendants().toList();
            forked.forEach(ProcessHandle::destroy);
            container.destroy();
            if (!container.waitFor(20, java.util.concurrent.TimeUnit.SECONDS))
                container.destroyForcibly().waitFor();
            for (ProcessHandle server : forked)
            {
                try
                {
                    server.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                }
                catch (java.util.concurrent.TimeoutException stuck)
                {
                    server.destroyForcibly();
                }
            }
        }
        origin.close();
        wsOrigin.close();
    }

    @Test
    void runsInJettyHomeOnJettyBase() throws Exception
    {
        Path home = onlyChild(CONTAINERS, "jetty-home-");
        Path base = fresh(TARGET.resolve("it-jetty-base"));
        copyTree(Path.of("jetty-base"), base);
        Files.copy(war(), base.resolve("webapps/holdfast.war"));
        int http = Ports.unused();
        int control = Ports.unused();
        int pull = Ports.unused();
        Path routes = routesFile(base);
        log = base.resolve("jetty.log");
        List<String> command = new java.util.ArrayList<>(List.of(java(), "-jar", home.resolve("start.jar").toAbsolutePath().toString(),
            "jetty.base=" + base.toAbsolutePath(), "-Dholdfast.http.port=" + http,
            "-Dholdfast.control.port=" + control, "-Dholdfast.routes.file=" + routes.toAbsolutePath()));
        command.addAll(zmqOptions(pull));
        container = new ProcessBuilder(command)
            .directory(base.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        exercise(http, control, pull);
    }

    @Test
    void runsInTomcat() throws Exception
    {
        Path home = onlyChild(CONTAINERS, "apache-tomcat-");
        Path base = fresh(TARGET.resolve("it-tomcat"));
        for (String dir : List.of("conf", "logs", "temp", "work", "webapps"))
            Files.createDirectories(base.resolve(dir));
        try (Stream<Path> conf = Files.list(home.resolve("conf")))
        {
            for (Path file : conf.filter(Files::isRegularFile).toList())
                Files.copy(file, base.resolve("conf").resolve(file.getFileName()));
        }
        Files.copy(Path.of("src/test/resources/tomcat/server.xml"), base.resolve("conf/server.xml"),
            StandardCopyOption.REPLACE_EXISTING);
        Files.copy(war(), base.resolve("webapps/ROOT.war"));
        int http = Ports.unused();
        int control = Ports.unused();
        int pull = Ports.unused();
        Path routes = routesFile(base);
        log = base.resolve("catalina.out");
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/catalina.sh").toAbsolutePath().toString(), "run")
            .directory(base.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CATALINA_HOME", home.toAbsolutePath().toString());
        builder.environment().put("CATALINA_BASE", base.toAbsolutePath().toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CATALINA_OPTS", "-Dholdfast.http.port=" + http + " -Dholdfast.control.port=" + control
            + " -Dholdfast.routes.file=" + routes.toAbsolutePath() + " " + String.join(" ", zmqOptions(pull)));
        container = builder.start();
        exercise(http, control, pull);
    }

    /** The PULL input on {@code pull}; the other sockets off, so parallel builds never collide. */
    private static List<String> zmqOptions(int pull)
    {
        return List.of("-Dholdfast.zmq.pull=tcp://127.0.0.1:" + pull, "-Dholdfast.zmq.sub=", "-Dholdfast.zmq.command=");
    }

    /** Proxy a request, hold a stream, publish to it over HTTP and ZeroMQ: the whole product in a few steps. */
    private void exercise(int http, int control, int pull) throws Exception
    {
        awaitListening(http);
        awaitListening(control);
        try (RawHttp client = new RawHttp(http, 20_000))
        {
            RawHttp.Head head = client.get("/hello").readHead();
            assertEquals(200, head.status(), "proxied request; container log: " + tail());
            assertEquals("hello from origin\n", client.readBody(head));
        }
        try (RawHttp stream = new RawHttp(http, 20_000))
        {
            RawHttp.Head head = stream.get("/stream").readHead();
            assertEquals(200, head.status());
            assertTrue(head.chunked());
            assertEquals("opened\n", stream.readChunkedBytes(7));
            Publisher publisher = new Publisher(control);
            String pushed = "pushed through " + container.info().command().orElse("container") + "\n";
            // The subscription is made before the head is sent, so one publish is enough.
            publisher.publish(items(streamItem("deploy", pushed)));
            assertEquals(pushed, stream.readChunkedBytes(pushed.length()));
            try (ZmqClient zmq = new ZmqClient())
            {
                zmq.push("tcp://127.0.0.1:" + pull).send("J" + streamItem("deploy", "pushed over ZeroMQ\n"));
                assertEquals("pushed over ZeroMQ\n", stream.readChunkedBytes(19), "the PULL input works in the WAR");
            }
        }
        try (RawHttp client = new RawHttp(control))
        {
            RawHttp.Head head = client.get("/").readHead();
            assertEquals("Pushpin API\n", client.readBody(head), "the control API answers on the control port");
        }
        exerciseWebSockets(http, control);
        SockJsDeploymentCheck.exercise(http, control, wsOrigin);
        RequestErrorsDeploymentCheck.exercise(http);
    }

    /** A WebSocket to the built-in test origin and one to a GRIP WebSocket origin, with publishes. */
    private void exerciseWebSockets(int http, int control) throws Exception
    {
        Publisher publisher = new Publisher(control);
        try (WsRecorder client = WsRecorder.connect(http, "/demo/ws?channel=deploy-ws"))
        {
            client.sendText("echo");
            client.assertText("echo");
            publishUntilReceived(publisher, client, "deploy-ws");
        }
        try (WsRecorder client = WsRecorder.connect(http, "/ws-origin/chat"))
        {
            FakeWsOrigin.Connection upstream = wsOrigin.take();
            assertEquals("grip", upstream.header("Sec-WebSocket-Extensions"));
            upstream.sendText("m:hello");
            client.assertText("hello");
            upstream.sendText("c:{\"type\":\"subscribe\",\"channel\":\"deploy-origin\"}");
            publishUntilReceived(publisher, client, "deploy-origin");
            client.sendText("up");
            assertEquals("up", upstream.nextText());
        }
    }

    /** The subscription is made asynchronously (an origin control message): publish until it lands. */
    private static void publishUntilReceived(Publisher publisher, WsRecorder client, String channel) throws Exception
    {
        String item = "{\"channel\":\"" + channel + "\",\"formats\":{\"ws-message\":{\"content\":\"pushed\"}}}";
        for (int attempt = 0; attempt < 50; attempt++)
        {
            publisher.publish(items(item));
            WsRecorder.Event event = client.poll(200);
            if (event != null)
            {
                assertEquals("pushed", event.text());
                return;
            }
        }
        throw new AssertionError("no publish reached the WebSocket on " + channel);
    }

    private Path routesFile(Path base) throws IOException
    {
        Path routes = base.resolve("routes");
        Files.writeString(routes, "* 127.0.0.1:" + origin.port() + "\n"
            + "*,path_beg=/demo/ test\n"
            + "*,path_beg=/ws-origin/ 127.0.0.1:" + wsOrigin.port() + "\n"
            + "*,path_beg=" + SockJsDeploymentCheck.PREFIX + ",sockjs=" + SockJsDeploymentCheck.PREFIX + " 127.0.0.1:"
            + wsOrigin.port() + "\n");
        return routes;
    }

    private void awaitListening(int port) throws Exception
    {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true)
        {
            try (Socket ignored = new Socket("127.0.0.1", port))
            {
                return;
            }
            catch (IOException notYet)
            {
                if (!container.isAlive() || System.nanoTime() > deadline)
                    throw new AssertionError("container did not listen on " + port + ":\n" + tail());
                container.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
    }

    private String tail() throws IOException
    {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static Path war()
    {
        Path war = TARGET.resolve("holdfast.war");
        assertTrue(Files.exists(war), "run `mvn verify`: the WAR is built in the package phase");
        return war;
    }

    private static String java()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path onlyChild(Path dir, String prefix) throws IOException
    {
        try (Stream<Path> children = Files.list(dir))
        {
            return children.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + "* in " + dir + ": run `mvn verify`"));
        }
    }

    private static Path fresh(Path dir) throws IOException
    {
        if (Files.exists(dir))
        {
            try (Stream<Path> walk = Files.walk(dir))
            {
                List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
                for (Path path : paths)
                    Files.delete(path);
            }
        }
        return Files.createDirectories(dir);
    }

    private static void copyTree(Path from, Path to) throws IOException
    {
        try (Stream<Path> walk = Files.walk(from))
        {
            for (Path source : walk.toList())
            {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source))
                    Files.createDirectories(dest);
                else
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
