// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.zmq;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import io.holdfast.format.item.PublishItem;
import io.holdfast.format.item.PublishItemWriter;
import io.holdfast.publish.PublishGateway;

/**
 * The cluster bus that makes several instances one for publishers: each instance binds a PUB socket
 * ({@code holdfast.cluster.bind}) and connects a SUB socket to every peer's
 * ({@code holdfast.cluster.peers}; its own endpoint in the list is skipped, so every instance can be
 * given the same list). An item this instance alone received is sent to the peers as
 * {@code [channel, J<item JSON>]}, the SUB input's format; an item from a peer is published here only,
 * never sent on, so nothing loops and each peer gets each item once, in the order it was sent. ZeroMQ
 * reconnects to a restarted peer by itself. Each socket has its own thread; forwarding only queues.
 *
 * <p>Every second each instance also sends a one-frame heartbeat naming its endpoint and instance id
 * (which changes when it restarts). A peer whose
 * heartbeats stop is logged as down, and the SUB socket sends its subscription again. ZeroMQ resends
 * it on reconnect anyway, and a connection whose handshake jeromq stalls is remade after
 * {@link ZmqLoop#HANDSHAKE_MILLIS}; the resend is a last guard against a peer cut off for good.
 */
final class ClusterBus
{
    private static final int QUEUE = 100_000;
    /** Messages a PUB socket buffers per peer before dropping; generous, as a peer may be slow for a while. */
    private static final int HWM = 100_000;
    private static final long HEARTBEAT_MILLIS = 1000;
    /** A peer silent for this long is down (three heartbeats missed). */
    private static final long PEER_TIMEOUT_MILLIS = 3 * HEARTBEAT_MILLIS + 500;
    private static final String HEARTBEAT = "HB ";

    private final String bindSpec;
    private final List<String> peers;
    private final PublishGateway gateway;
    private final ArrayBlockingQueue<byte[][]> outgoing = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Sender sender;
    private final Receiver receiver;
    private final String instanceId;
    /** Peer endpoint to the instance id its heartbeats carry, for the peers that are up. */
    private final Map<String, String> peersUp = new ConcurrentHashMap<>();
    private volatile String bound = "";

    ClusterBus(ZMQ.Context context, String bindSpec, List<String> peers, PublishGateway gateway, String instanceId)
    {
        this.instanceId = instanceId;
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

    /** The peers whose heartbeats arrive (those this instance receives items from), with their instance ids. */
    Map<String, String> peersUp()
    {
        return Map.copyOf(peersUp);
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

    private static long now()
    {
        return System.nanoTime() / 1_000_000;
    }

    /** Owns the PUB socket the peers subscribe to. */
    private final class Sender extends ZmqLoop
    {
        private ZMQ.Socket pub;
        private long nextHeartbeat;

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
        long pollMillis()
        {
            return Math.max(1, nextHeartbeat - now());
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
            if (now() >= nextHeartbeat)
            {
                // the configured endpoint, as the peers list it
                pub.send((HEARTBEAT + bindSpec + " " + instanceId).getBytes(StandardCharsets.UTF_8), ZMQ.DONTWAIT);
                nextHeartbeat = now() + HEARTBEAT_MILLIS;
            }
        }
    }

    /** Owns the SUB socket connected to every peer. */
    private final class Receiver extends ZmqLoop
    {
        private final Map<String, Long> lastHeard = new HashMap<>();
        private ZMQ.Socket sub;
        private long nextCheck;

        Receiver(ZMQ.Context context)
        {
            super(context, "cluster");
        }

        @Override
        List<ZMQ.Socket> open()
        {
            sub = socket(SocketType.SUB);
            sub.setRcvHWM(HWM);
            // every item: a peer cannot know which channels this instance's clients will want next
            sub.subscribe(new byte[0]);
            for (String peer : peers)
                connect(sub, peer);
            LOG.info("cluster: bound {}, peers {}", bound, peers);
            return List.of(sub);
        }

        @Override
        void woken()
        {
            long now = now();
            if (now < nextCheck)
                return;
            nextCheck = now + HEARTBEAT_MILLIS;
            boolean silent = false;
            for (String peer : peers)
            {
                Long heard = lastHeard.get(peer);
                boolean up = heard != null && now - heard < PEER_TIMEOUT_MILLIS;
                if (!up && peersUp.remove(peer) != null)
                    LOG.warn("cluster: peer {} is down", peer);
                silent |= !up;
            }
            if (silent)
                sub.subscribe(new byte[0]);
        }

        @Override
        void received(ZMQ.Socket socket, ZMsg message)
        {
            if (message.size() == 1 && message.getFirst().getString(StandardCharsets.UTF_8).startsWith(HEARTBEAT))
            {
                String[] heartbeat = message.getFirst().getString(StandardCharsets.UTF_8)
                    .substring(HEARTBEAT.length()).split(" ", 2);
                String peer = heartbeat[0];
                String incarnation = heartbeat.length > 1 ? heartbeat[1] : "";
                if (!peers.contains(peer))
                    return;
                lastHeard.put(peer, now());
                if (!incarnation.equals(peersUp.put(peer, incarnation)))
                    LOG.info("cluster: peer {} is up ({})", peer, incarnation);
                return;
            }
            publishChannelMessage(message, gateway, PublishGateway.Source.CLUSTER);
        }
    }
}
