// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish;

import java.nio.charset.StandardCharsets;
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
 * reconnects to a restarted peer by itself. Each socket has its own thread; forwarding only queues.
 */
final class ClusterBus
{
    private static final int QUEUE = 100_000;
    /** Messages a PUB socket buffers per peer before dropping; generous, as a peer may be slow for a while. */
    private static final int HWM = 100_000;

    private final String bindSpec;
    private final List<String> peers;
    private final PublishGateway gateway;
    private final ArrayBlockingQueue<byte[][]> outgoing = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Sender sender;
    private final Receiver receiver;
    private volatile String bound = "";

    ClusterBus(ZMQ.Context context, String bindSpec, List<String> peers, PublishGateway gateway)
    {
        this.bindSpec = bindSpec;
        LinkedHashSet<String> others = new LinkedHashSet<>(peers);
        others.remove(bindSpec);
        this.peers = List.copyOf(others);
        this.gateway = gateway;
        this.sender = new Sender(context);
        this.receiver = new Receiver(context);
    }

    /** The sending loop (binds) then the receiving one (connects), to start in this order. */
    List<ZmqLoop> loops()
    {
        return List.of(sender, receiver);
    }

    String bound()
    {
        return bound;
    }

    /** Queues {@code item} for every peer; called by publishing threads. */
    void forward(PublishItem item)
    {
        byte[] json = PublishItemWriter.toJson(item);
        byte[] body = new byte[json.length + 1];
        body[0] = 'J';
        System.arraycopy(json, 0, body, 1, json.length);
        if (outgoing.offer(new byte[][] {item.channel().getBytes(StandardCharsets.UTF_8), body}))
            sender.wake();
        else if (dropped.incrementAndGet() % 10_000 == 1)
            ZmqLoop.LOG.warn("cluster: queue full, dropping items for the peers ({} so far)", dropped.get());
    }

    /** Owns the PUB socket the peers subscribe to. */
    private final class Sender extends ZmqLoop
    {
        private ZMQ.Socket pub;

        Sender(ZMQ.Context context)
        {
            super(context, "cluster-out");
        }

        @Override
        List<ZMQ.Socket> open()
        {
            pub = socket(SocketType.PUB);
            pub.setSndHWM(HWM);
            bound = bind(pub, bindSpec);
            return List.of();
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
    }

    /** Owns the SUB socket connected to every peer. */
    private final class Receiver extends ZmqLoop
    {
        Receiver(ZMQ.Context context)
        {
            super(context, "cluster");
        }

        @Override
        List<ZMQ.Socket> open()
        {
            ZMQ.Socket sub = socket(SocketType.SUB);
            sub.setRcvHWM(HWM);
            // every item: a peer cannot know which channels this instance's clients will want next
            sub.subscribe(new byte[0]);
            for (String peer : peers)
                connect(sub, peer);
            LOG.info("cluster: bound {}, peers {}", bound, peers);
            return List.of(sub);
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
}
