// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.item.PublishItem;
import io.holdfast.format.item.PublishItemWriter;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * The cluster bus that makes several instances one for publishers: each instance binds a PUB socket
 * ({@code holdfast.cluster.bind}) and connects a SUB socket to every peer's
 * ({@code holdfast.cluster.peers}; its own endpoint in the list is skipped, so every instance can be
 * given the same list). An item this instance alone received is sent to the peers as
 * {@code [channel, J<item JSON>]}, the SUB input's format; an item from a peer is published here only,
 * never sent on, so nothing loops and each peer gets each item once, in the order it was sent. ZeroMQ
 * reconnects to a restarted peer by itself. Runs on its own thread; forwarding only queues.
 */
final class ClusterBus extends ZmqLoop
{
    private static final int QUEUE = 100_000;
    /** Messages a PUB socket buffers per peer before dropping; generous, as a peer may be slow for a while. */
    private static final int HWM = 100_000;

    private final String bindSpec;
    private final List<String> peers;
    private final PublishGateway gateway;
    private final ArrayBlockingQueue<byte[][]> outgoing = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private volatile String bound = "";
    // loop thread only
    private ZMQ.Socket pub;

    ClusterBus(ZMQ.Context context, String bindSpec, List<String> peers, PublishGateway gateway)
    {
        super(context, "cluster");
        this.bindSpec = bindSpec;
        LinkedHashSet<String> others = new LinkedHashSet<>(peers);
        others.remove(bindSpec);
        this.peers = List.copyOf(others);
        this.gateway = gateway;
    }

    String bound()
    {
        return bound;
    }

    List<String> peers()
    {
        return peers;
    }

    /** Queues {@code item} for every peer; called by publishing threads. */
    void forward(PublishItem item)
    {
        byte[] json = PublishItemWriter.toJson(item);
        byte[] body = new byte[json.length + 1];
        body[0] = 'J';
        System.arraycopy(json, 0, body, 1, json.length);
        if (outgoing.offer(new byte[][] {item.channel().getBytes(StandardCharsets.UTF_8), body}))
            wake();
        else if (dropped.incrementAndGet() % 10_000 == 1)
            LOG.warn("cluster: queue full, dropping items for the peers ({} so far)", dropped.get());
    }

    @Override
    List<ZMQ.Socket> open()
    {
        pub = socket(SocketType.PUB);
        pub.setSndHWM(HWM);
        bound = bind(pub, bindSpec);
        ZMQ.Socket sub = socket(SocketType.SUB);
        sub.setRcvHWM(HWM);
        sub.subscribe(new byte[0]);
        List<String> connected = new ArrayList<>();
        for (String peer : peers)
        {
            connect(sub, peer);
            connected.add(peer);
        }
        LOG.info("cluster: bound {}, peers {}", bound, connected);
        return List.of(sub);
    }

    @Override
    void woken()
    {
        byte[][] message;
        while ((message = outgoing.poll()) != null)
        {
            pub.sendMore(message[0]);
            pub.send(message[1], ZMQ.DONTWAIT);
        }
    }

    @Override
    void received(ZMQ.Socket socket, ZMsg message)
    {
        if (message.size() != 2)
        {
            reject("received message with parts != 2");
            return;
        }
        String channel = message.getFirst().getString(StandardCharsets.UTF_8);
        try
        {
            gateway.publish(ZmqItems.parse(message.getLast().getData(), Optional.of(channel)),
                PublishGateway.Source.CLUSTER);
        }
        catch (GripFormatException e)
        {
            reject(e.getMessage());
        }
    }
}
