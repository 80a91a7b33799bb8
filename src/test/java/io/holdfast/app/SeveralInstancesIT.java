// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.format.tnetstring.TnetStringCodec;
import io.holdfast.format.tnetstring.TnetValue;
import io.holdfast.testing.ContainerProcess;
import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.Ports;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.ZmqClient;

import static io.holdfast.format.tnetstring.TnetValue.dict;
import static io.holdfast.format.tnetstring.TnetValue.text;
import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.streamItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several instances on one host (issue 13): two jetty-homes, then a third beside them, each started
 * with exactly the launch contract's flags (README "Launch contract": its own http, control, PULL and
 * SUB ports and routes file) and every other setting at its default. Whatever else an instance binds
 * by default must not collide with the others: each must proxy a request, hold a stream, deliver
 * publishes from its control port and its PULL socket, and answer on a command socket of its own.
 */
class SeveralInstancesIT
{
    private static final String CHANNEL = "several";
    private static final Pattern COMMAND_BOUND = Pattern.compile("command socket bound to (tcp://127\\.0\\.0\\.1:\\d+)");
    private static final TnetValue TRUE = new TnetValue.Bool(true);

    /** One instance's launch contract: the ports it is given. */
    private record Instance(String name, int http, int control, int pull, int sub, ContainerProcess container)
    {
        String pullEndpoint()
        {
            return "tcp://127.0.0.1:" + pull;
        }

        String subEndpoint()
        {
            return "tcp://127.0.0.1:" + sub;
        }
    }

    private final Set<Integer> portsGiven = new HashSet<>();
    private final List<Instance> instances = new ArrayList<>();
    private FakeOrigin origin;
    @TempDir
    Path work;

    @BeforeEach
    void startOrigin() throws IOException
    {
        origin = FakeOrigin.helloAndStream(CHANNEL);
    }

    @AfterEach
    void stop() throws Exception
    {
        try
        {
            for (Instance instance : instances)
                instance.container().close();
        }
        finally
        {
            origin.close();
        }
    }

    @Test
    void twoThenThreeInstancesEachProxyHoldAndPublish() throws Exception
    {
        launch("a");
        launch("b");
        exercise(instances);

        launch("c");
        exercise(instances);

        Set<String> commandSockets = new LinkedHashSet<>();
        for (Instance instance : instances)
            commandSockets.add(commandSocket(instance));
        assertEquals(3, commandSockets.size(), "each instance has a command socket of its own: " + commandSockets);
    }

    /** Starts an instance exactly as the launch contract says, without waiting for it. */
    private void launch(String name) throws IOException
    {
        int http = port();
        int control = port();
        int pull = port();
        int sub = port();
        Path routes = Files.writeString(work.resolve("routes-" + name), "* 127.0.0.1:" + origin.port() + "\n");
        ContainerProcess container = ContainerProcess.jettyHome("it-instance-" + name, List.of(
            "-Dholdfast.http.port=" + http, "-Dholdfast.control.port=" + control,
            "-Dholdfast.routes.file=" + routes.toAbsolutePath(),
            "-Dholdfast.zmq.pull=tcp://127.0.0.1:" + pull, "-Dholdfast.zmq.sub=tcp://127.0.0.1:" + sub));
        instances.add(new Instance(name, http, control, pull, sub, container));
    }

    /**
     * Every instance proxies, and holds a stream to which a publish on its own control port and then
     * one on its own PULL socket arrive, while the others hold theirs: an item that reached the wrong
     * instance would show up on that instance's stream in place of its own. Each command socket
     * answers too.
     */
    private void exercise(List<Instance> running) throws Exception
    {
        for (Instance instance : running)
        {
            instance.container().awaitStarted(instance.http(), instance.control());
            // deployed (or failed to, and the failure is shown) once its command socket is logged
            commandSocket(instance);
        }
        for (Instance instance : running)
        {
            try (RawHttp client = new RawHttp(instance.http(), 20_000))
            {
                RawHttp.Head head = client.get("/hello").readHead();
                assertEquals(200, head.status(), instance.name() + " proxies; its log:\n" + instance.container().tail());
                assertEquals("hello from origin\n", client.readBody(head));
            }
        }
        List<RawHttp> streams = new ArrayList<>();
        try (ZmqClient zmq = new ZmqClient())
        {
            for (Instance instance : running)
            {
                RawHttp stream = new RawHttp(instance.http(), 20_000);
                streams.add(stream);
                RawHttp.Head head = stream.get("/stream").readHead();
                assertEquals(200, head.status(), instance.name() + " holds a stream");
                assertEquals("opened\n", stream.readChunkedBytes(7));
            }
            // the subscription is made before the head is sent, so one publish is enough
            for (Instance instance : running)
                new Publisher(instance.control()).publish(items(streamItem(CHANNEL, instance.name() + " over http\n")));
            for (int i = 0; i < running.size(); i++)
            {
                String expected = running.get(i).name() + " over http\n";
                assertEquals(expected, streams.get(i).readChunkedBytes(expected.length()));
            }
            for (Instance instance : running)
                zmq.push(instance.pullEndpoint()).send("J" + streamItem(CHANNEL, instance.name() + " over PULL\n"));
            for (int i = 0; i < running.size(); i++)
            {
                String expected = running.get(i).name() + " over PULL\n";
                assertEquals(expected, streams.get(i).readChunkedBytes(expected.length()));
            }
        }
        finally
        {
            for (RawHttp stream : streams)
                stream.close();
        }
    }

    /**
     * The command socket the instance logged at start; it must answer {@code get-zmq-uris} with
     * itself and the PULL and SUB endpoints this instance was given.
     */
    private static String commandSocket(Instance instance) throws Exception
    {
        String command = instance.container().awaitLogLine(COMMAND_BOUND).group(1);
        try (ZmqClient zmq = new ZmqClient())
        {
            byte[] reply = zmq.request(command, TnetStringCodec.encode(dict("id", text("1"), "method", text("get-zmq-uris"))));
            assertEquals(dict("id", text("1"), "success", TRUE, "value", dict("command", text(command),
                    "publish-pull", text(instance.pullEndpoint()), "publish-sub", text(instance.subEndpoint()))),
                TnetStringCodec.decode(reply, 0), instance.name() + "'s command socket");
        }
        return command;
    }

    /** An unused port, none given twice in this test. */
    private int port() throws IOException
    {
        while (true)
        {
            int port = Ports.unused();
            if (portsGiven.add(port))
                return port;
        }
    }
}
