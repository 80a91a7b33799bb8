// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.ZMQ;

import io.holdfast.format.item.FormatKind;
import io.holdfast.testing.Await;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Ports;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.ZmqClient;

import static io.holdfast.testing.Publisher.items;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Three instances on the cluster bus act as one: items published over HTTP or PULL to any instance
 * reach every stream on every instance exactly once and in order (prev-id chains across instances),
 * also while one instance is stopped and started again on the same endpoint, which rejoins without
 * a restart of the others. Prints the figures.
 */
class ClusterIT
{
    private static final int INSTANCES = 3;
    private static final int STREAMS_PER_INSTANCE = 3;
    private static final String CHANNEL = "cl";

    private final HoldfastServer[] servers = new HoldfastServer[INSTANCES];
    private final List<List<RawHttp>> streams = new ArrayList<>();
    private final ZmqClient zmq = new ZmqClient();
    private List<String> binds;
    private int published;

    @AfterEach
    void stop() throws Exception
    {
        for (List<RawHttp> instance : streams)
        {
            for (RawHttp stream : instance)
                stream.close();
        }
        zmq.close();
        for (HoldfastServer server : servers)
        {
            if (server != null)
                server.close();
        }
    }

    @Test
    void everyStreamOnEveryInstanceGetsEveryItemOnceInOrder() throws Exception
    {
        binds = List.of(Ports.tcpEndpoint(), Ports.tcpEndpoint(), Ports.tcpEndpoint());
        for (int i = 0; i < INSTANCES; i++)
            servers[i] = start(i);
        awaitMesh(Set.of(0, 1, 2));
        for (int i = 0; i < INSTANCES; i++)
            streams.add(openStreams(i));
        ZMQ.Socket push = zmq.push(servers[0].zmqEndpoint("holdfast.zmq.pull"), servers[0].zmq()::received);

        // all three up: HTTP round robin, every fourth item over PULL to the first instance
        List<String> phase1 = publish(100, Set.of(0, 1, 2), push);
        // the third instance is stopped: its streams end; the others go on
        for (RawHttp stream : streams.get(2))
            stream.close();
        servers[2].close();
        servers[2] = null;
        List<String> phase2 = publish(50, Set.of(0, 1), push);
        // started again on the same endpoint: it rejoins, the others keep running
        servers[2] = start(2);
        streams.set(2, openStreams(2));
        awaitMesh(Set.of(0, 1, 2));
        List<String> phase3 = publish(50, Set.of(0, 1, 2), push);

        List<String> all = new ArrayList<>(phase1);
        all.addAll(phase2);
        all.addAll(phase3);
        int deliveries = 0;
        int lost = 0;
        int duplicated = 0;
        for (int i = 0; i < INSTANCES; i++)
        {
            List<String> expected = i == 2 ? phase3 : all;
            for (RawHttp stream : streams.get(i))
            {
                // Items that arrive together may share a chunk: read the bytes, split at the newlines.
                int length = expected.stream().mapToInt(String::length).sum();
                List<String> got = new ArrayList<>();
                for (String line : stream.readChunkedBytes(length).split("(?<=\n)"))
                    got.add(line);
                deliveries += got.size();
                lost += (int)expected.stream().filter(e -> !got.contains(e)).count();
                duplicated += got.size() - (int)got.stream().distinct().count();
                assertEquals(expected, got, "instance " + i);
            }
        }
        // nothing more follows on any stream: the next chunk is the end marker
        publishOne("end\n", 1, Set.of(0, 1, 2), null);
        for (List<RawHttp> instance : streams)
        {
            for (RawHttp stream : instance)
                assertEquals("end\n", stream.readChunk(), "no duplicate after the last item");
        }
        System.out.printf("cluster: %d items (%d/%d/%d per phase) x %d streams x %d instances: %d deliveries,"
                + " lost %d, duplicated %d%n", all.size(), phase1.size(), phase2.size(), phase3.size(),
            STREAMS_PER_INSTANCE, INSTANCES, deliveries, lost, duplicated);
        assertEquals(0, lost);
        assertEquals(0, duplicated);
    }

    private HoldfastServer start(int index) throws Exception
    {
        return HoldfastServer.start(Map.of("holdfast.cluster.bind", binds.get(index),
            "holdfast.cluster.peers", String.join(",", binds), "holdfast.zmq.pull", "tcp://127.0.0.1:*"));
    }

    /** Waits until each running instance hears every other one, as it runs now (a restarted one anew). */
    private void awaitMesh(Set<Integer> running)
    {
        Await.until("the cluster mesh", Duration.ofSeconds(20), () -> running.stream().allMatch(i ->
            running.stream().filter(j -> j != i).allMatch(j -> servers[j].activity().instanceId()
                .equals(servers[i].zmq().clusterPeersUp().get(binds.get(j))))));
    }

    private List<RawHttp> openStreams(int index) throws Exception
    {
        List<RawHttp> opened = new ArrayList<>();
        for (int n = 0; n < STREAMS_PER_INSTANCE; n++)
        {
            RawHttp stream = new RawHttp(servers[index].port());
            stream.get("/stream?channel=" + CHANNEL).readHead();
            assertEquals("[stream opened]\n", stream.readChunk());
            opened.add(stream);
        }
        return opened;
    }

    /**
     * Publishes {@code count} items chained by prev-id, round robin over {@code via}. The first
     * item must reach every instance before the next goes out: an instance that has no item of the
     * channel yet (all of them at first, a restarted one later) accepts whatever comes first, so a
     * second item sent straight to it could overtake the first one still on the bus.
     */
    private List<String> publish(int count, Set<Integer> via, ZMQ.Socket push) throws Exception
    {
        List<String> contents = new ArrayList<>();
        List<Integer> order = via.stream().sorted().toList();
        for (int n = 0; n < count; n++)
        {
            String content = "m" + (published + 1) + "\n";
            Map<Integer, Long> before = new HashMap<>();
            via.forEach(i -> before.put(i, delivered(i)));
            publishOne(content, order.get(n % order.size()), via, n % 4 == 3 ? push : null);
            contents.add(content);
            if (n == 0)
            {
                Await.until("the chain's first item on every instance", Duration.ofSeconds(10), () -> via.stream()
                    .allMatch(i -> delivered(i) > before.get(i)));
            }
        }
        return contents;
    }

    private long delivered(int instance)
    {
        return servers[instance].metrics().delivered(FormatKind.HTTP_STREAM);
    }

    private void publishOne(String content, int instance, Set<Integer> via, ZMQ.Socket push) throws Exception
    {
        int id = ++published;
        String item = "{\"channel\":\"" + CHANNEL + "\",\"id\":\"" + id + "\""
            + (id > 1 ? ",\"prev-id\":\"" + (id - 1) + "\"" : "")
            + ",\"formats\":{\"http-stream\":{\"content\":\"" + content.replace("\n", "\\n") + "\"}}}";
        if (push != null && via.contains(0))
            push.send("J" + item);
        else
            new Publisher(servers[instance].controlPort()).publish(items(item));
    }
}
