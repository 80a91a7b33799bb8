// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.zmq;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.item.PublishItem;
import io.holdfast.hub.ChannelHub;
import io.holdfast.hub.ChannelListener;
import io.holdfast.publish.PublishGateway;

/**
 * The ZeroMQ SUB publish input ({@code push_in_sub_specs}, GRIP §6.3): binds (or, in connect mode,
 * connects to each publisher) and publishes each {@code [channel, J...|T...]} message, the first
 * frame naming the channel. Like Pushpin it subscribes the socket only to channels that have
 * subscribers here, following the hub's {@link ChannelListener}, so a publisher filters at the
 * source. When instances share a broker, the subscribers of a channel may all be on other
 * instances, so it takes every channel and hands every item to the broker, which publishes a
 * message that several instances' SUB inputs received only once. Runs on its own thread; the
 * listener only queues a channel name and wakes it.
 */
final class ZmqSubInput extends ZmqLoop implements ChannelListener
{
    private final List<String> specs;
    private final boolean connect;
    private final ChannelHub hub;
    private final PublishGateway gateway;
    /** Subscribed to every channel, not only to those with subscribers here. */
    private final boolean everything;
    private final ConcurrentLinkedQueue<String> changed = new ConcurrentLinkedQueue<>();
    // loop thread only
    private final Set<String> subscribed = new HashSet<>();
    private ZMQ.Socket sub;
    private volatile List<String> bound = List.of();

    ZmqSubInput(ZMQ.Context context, List<String> specs, boolean connect, ChannelHub hub, PublishGateway gateway)
    {
        super(context, "sub");
        this.everything = gateway.shared();
        this.specs = List.copyOf(specs);
        this.connect = connect;
        this.hub = hub;
        this.gateway = gateway;
    }

    /** The endpoints bound ({@code *} ports resolved), none in connect mode; known once started. */
    List<String> bound()
    {
        return bound;
    }

    @Override
    List<ZMQ.Socket> open()
    {
        sub = socket(SocketType.SUB);
        if (connect)
        {
            // as Pushpin: notice a publisher that vanished without closing its connection
            sub.setTCPKeepAlive(1);
            sub.setTCPKeepAliveIdle(30);
            sub.setTCPKeepAliveInterval(5);
            sub.setTCPKeepAliveCount(6);
        }
        List<String> endpoints = new ArrayList<>();
        for (String spec : specs)
        {
            if (connect)
                connect(sub, spec);
            else
                endpoints.add(bind(sub, spec));
        }
        bound = List.copyOf(endpoints);
        if (everything)
        {
            sub.subscribe(new byte[0]);
            return List.of(sub);
        }
        // listen first, then catch up: a channel activated in between is queued twice, which is harmless
        hub.addListener(this);
        changed.addAll(hub.activeChannels());
        wake();
        return List.of(sub);
    }

    @Override
    public void channelActive(String channel)
    {
        changed.add(channel);
        wake();
    }

    @Override
    public void channelIdle(String channel)
    {
        changed.add(channel);
        wake();
    }

    @Override
    void woken()
    {
        String channel;
        while ((channel = changed.poll()) != null)
        {
            // events can arrive out of order: the hub says what is true now
            byte[] topic = channel.getBytes(StandardCharsets.UTF_8);
            if (hub.subscriberCount(channel) > 0)
            {
                if (subscribed.add(channel))
                    sub.subscribe(topic);
            }
            else if (subscribed.remove(channel))
            {
                sub.unsubscribe(topic);
            }
        }
    }

    /** Publishes a {@code [channel, J...|T...]} message; rejects any other shape or an invalid item. */
    @Override
    void received(ZMQ.Socket socket, ZMsg message)
    {
        if (message.size() != 2)
        {
            reject("received message with parts != 2");
            return;
        }
        String channel = message.getFirst().getString(StandardCharsets.UTF_8);
        byte[] data = message.getLast().getData();
        try
        {
            PublishItem item = ZmqItems.parse(data, Optional.of(channel));
            // The same message may reach several instances' SUB inputs: the broker publishes it once.
            if (everything)
                gateway.publishOnce(item, onceKey(data));
            else
                gateway.publish(item, PublishGateway.Source.SUB);
        }
        catch (GripFormatException e)
        {
            reject(e.getMessage());
        }
    }

    // What identifies one message across instances: its bytes (the channel is part of the key already).
    private static String onceKey(byte[] data)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data), 0, 16);
        }
        catch (NoSuchAlgorithmException e)
        {
            // every JDK has SHA-256
            throw new IllegalStateException(e);
        }
    }
}
