// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.holdfast.net.DescriptorBudget;
import io.holdfast.testing.Await;
import io.holdfast.testing.ContainerProcess;
import io.holdfast.testing.DeparturesCheck;
import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.FakeWsOrigin;
import io.holdfast.testing.Ports;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.StreamDescriptorsCheck;
import io.holdfast.testing.TomcatBase;
import io.holdfast.testing.WholeChunksCheck;
import io.holdfast.testing.WsRecorder;
import io.holdfast.testing.ZmqClient;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.streamItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built WAR, unchanged, deployed in a jetty-home started on our jetty-base and in Tomcat 11 and
 * 10.1 (all unpacked from Maven Central by the build): each must proxy a request, hold a stream and
 * deliver a publish to it, serve WebSockets and SockJS, send every streamed message whole
 * ({@link WholeChunksCheck}) and let go of clients that leave with no write ({@link DeparturesCheck}), and keep about one
 * descriptor per held stream ({@link StreamDescriptorsCheck}). Runs the containers as separate processes, as users do.
 */
// Alone: whole containers start and are timed here, and beside three other test classes on two
// cores their waits ran out in CI one after another.
@Isolated
class WarDeploymentIT
{
    private FakeOrigin origin;
    private FakeWsOrigin wsOrigin;
    private WholeChunksCheck chunks;
    private DeparturesCheck departures;
    private StreamDescriptorsCheck streamDescriptors;
    private ContainerProcess container;
    @TempDir
    Path work;

    @BeforeEach
    void startOrigin() throws IOException
    {
        origin = FakeOrigin.helloAndStream("deploy");
        wsOrigin = new FakeWsOrigin();
        chunks = new WholeChunksCheck("deploy");
        departures = new DeparturesCheck();
        streamDescriptors = new StreamDescriptorsCheck();
    }

    @AfterEach
    void stop() throws Exception
    {
        if (container != null)
            container.close();
        origin.close();
        wsOrigin.close();
        chunks.close();
        departures.close();
        streamDescriptors.close();
    }

    @Test
    void runsInJettyHomeOnJettyBase() throws Exception
    {
        int http = Ports.unused();
        int control = Ports.unused();
        int pull = Ports.unused();
        List<String> options = new ArrayList<>(List.of("-Dholdfast.http.port=" + http, "-Dholdfast.control.port=" + control,
            "-Dholdfast.routes.file=" + routesFile(work).toAbsolutePath(), "-Dholdfast.warmup=1"));
        options.addAll(zmqOptions(pull));
        container = ContainerProcess.jettyHome("it-jetty-base", options);
        container.quoteLogOnFailure(() ->
        {
            // jetty-base's listener runs the webapp's warm-up before it accepts anyone (docs/operations.md, Tuning).
            Await.until("the warm-up ran", Duration.ofSeconds(10), () -> logContains("holds set up, published to and closed in"));
            assertFalse(logContains("warm-up ended early"), "the warm-up ran to its budget:\n" + container.tail());
            checks(http, control, pull, false);
        });
    }

    /** Tomcat 11 and 10.1, the two lines the WAR supports (unpacked by the build). */
    @ParameterizedTest
    @ValueSource(strings = {"11.", "10.1."})
    void runsInTomcat(String version) throws Exception
    {
        int http = Ports.unused();
        int control = Ports.unused();
        int pull = Ports.unused();
        Path routes = routesFile(work);
        List<String> options = new ArrayList<>(List.of("-Dholdfast.http.port=" + http, "-Dholdfast.control.port=" + control,
            "-Dholdfast.routes.file=" + routes.toAbsolutePath()));
        options.addAll(zmqOptions(pull));
        container = TomcatBase.start(version, "it-tomcat-" + version.replace(".", ""),
            Path.of("src/test/resources/tomcat/server.xml"), options);
        container.quoteLogOnFailure(() -> checks(http, control, pull, true));
        // Tomcat's leak detection looks at every thread as it stops the webapp: nothing of Holdfast's
        // (or of its libraries') may stay behind in a thread-local.
        container.terminate(Duration.ofSeconds(30));
        assertTrue(logContains("Stopping service [Catalina]"), "Tomcat stopped the webapp:\n" + container.tail());
        assertFalse(logContains("failed to remove it when the web application was stopped"),
            "a thread-local left on Tomcat's threads:\n" + container.tail());
    }

    /** The PULL input on {@code pull}; the other sockets off, so parallel builds never collide. */
    private static List<String> zmqOptions(int pull)
    {
        return List.of("-Dholdfast.zmq.pull=tcp://127.0.0.1:" + pull, "-Dholdfast.zmq.sub=", "-Dholdfast.zmq.command=");
    }

    /** Proxy a request, hold a stream, publish to it over HTTP and ZeroMQ: the whole product in a few steps. */
    private void checks(int http, int control, int pull, boolean tomcat) throws Exception
    {
        container.awaitStarted(http, control);
        try (RawHttp client = new RawHttp(http, 20_000))
        {
            RawHttp.Head head = client.get("/hello").readHead();
            assertEquals(200, head.status(), "proxied request; container log: " + container.tail());
            assertEquals("hello from origin\n", client.readBody(head));
        }
        try (RawHttp stream = new RawHttp(http, 20_000))
        {
            RawHttp.Head head = stream.get("/stream").readHead();
            assertEquals(200, head.status());
            assertTrue(head.chunked());
            assertEquals("opened\n", stream.readChunkedBytes(7));
            Publisher publisher = new Publisher(control);
            String pushed = "pushed through the container\n";
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
        try (RawHttp client = new RawHttp(control))
        {
            RawHttp.Head head = client.get("/metrics").readHead();
            // The container's client listener is limited below the descriptor limit (DescriptorLimitIT floods it).
            long maxDescriptors = DescriptorBudget.maxDescriptors();
            int limit = DescriptorBudget.clientLimit("auto", maxDescriptors);
            assertTrue(client.readBody(head).contains("\nholdfast_client_connections_limit " + limit + "\n"),
                "the client connection limit applies: " + limit);
        }
        exerciseWebSockets(http, control);
        SockJsDeploymentCheck.exercise(http, control, wsOrigin);
        chunks.exercise(http, control);
        // On Tomcat only holds: a relayed response whose client leaves can disturb the connection objects
        // Tomcat reuses (a known issue, docs/held-connections.md).
        departures.exercise(http, control, container::descriptors, !tomcat);
        streamDescriptors.exercise(http, container::descriptors);
        // 2,000 held connections just left: Holdfast hands their heap back by itself (docs/operations.md, Memory).
        Await.until("the heap is trimmed after the held connections fell", Duration.ofSeconds(45),
            () -> logContains("heap trimmed after held connections fell"));
        RequestErrorsDeploymentCheck.exercise(http);
    }

    private boolean logContains(String text)
    {
        try
        {
            return container.logContains(text);
        }
        catch (IOException e)
        {
            throw new UncheckedIOException(e);
        }
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

    private Path routesFile(Path dir) throws IOException
    {
        Path routes = dir.resolve("routes");
        Files.writeString(routes, "* 127.0.0.1:" + origin.port() + "\n"
            + "*,path_beg=/demo/ test\n"
            + "*,path_beg=/ws-origin/ 127.0.0.1:" + wsOrigin.port() + "\n"
            + "*,path_beg=" + SockJsDeploymentCheck.PREFIX + ",sockjs=" + SockJsDeploymentCheck.PREFIX + " 127.0.0.1:"
            + wsOrigin.port() + "\n"
            + chunks.routes()
            + departures.routes()
            + streamDescriptors.routes());
        return routes;
    }
}
