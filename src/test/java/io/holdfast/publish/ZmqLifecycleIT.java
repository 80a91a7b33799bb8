// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;

import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Ports;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.ZmqClient;

import static io.holdfast.testing.Publisher.streamItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Undeploy and redeploy: stopping Holdfast stops every socket thread and frees every port, so the
 * next deployment binds the same endpoints and works; an endpoint that cannot be bound fails the
 * deployment instead of leaving it half started.
 */
class ZmqLifecycleIT
{
    @Test
    void redeployingFreesEveryPortAndThread() throws Exception
    {
        Map<String, String> settings = Map.of("holdfast.zmq.pull", Ports.tcpEndpoint(), "holdfast.zmq.sub", Ports.tcpEndpoint(),
            "holdfast.zmq.command", Ports.tcpEndpoint(), "holdfast.zmq.stats", Ports.tcpEndpoint());
        for (int deployment = 1; deployment <= 2; deployment++)
        {
            String threads;
            try (HoldfastServer server = HoldfastServer.start(settings); ZmqClient zmq = new ZmqClient();
                 RawHttp stream = new RawHttp(server.port()))
            {
                threads = server.zmq().threadSuffix();
                stream.get("/stream?channel=lc").readHead();
                assertEquals("[stream opened]\n", stream.readChunk());
                ZMQ.Socket push = zmq.push(settings.get("holdfast.zmq.pull"), server.zmq()::received);
                push.send("J" + streamItem("lc", "deployment " + deployment + "\n"));
                assertEquals("deployment " + deployment + "\n", stream.readChunk());
                assertEquals(4, zmqThreads(threads), "pull, sub, command and stats threads");
            }
            assertEquals(0, zmqThreads(threads), "every socket thread ended");
        }
    }

    @Test
    void anEndpointInUseFailsTheDeployment() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0))
        {
            String endpoint = "tcp://127.0.0.1:" + taken.getLocalPort();
            Exception e = assertThrows(Exception.class, () -> HoldfastServer.start(Map.of("holdfast.zmq.pull", endpoint)));
            assertTrue(String.valueOf(e.getMessage()).contains("cannot bind " + endpoint)
                || String.valueOf(e.getCause()).contains("cannot bind " + endpoint), String.valueOf(e));
        }
    }

    private static long zmqThreads(String suffix)
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("holdfast-zmq-") && t.getName().endsWith(suffix) && t.isAlive()).count();
    }
}
