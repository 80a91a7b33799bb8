// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.zmq;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import io.holdfast.format.GripFormatException;
import io.holdfast.publish.PublishGateway;

/**
 * The ZeroMQ PULL publish input ({@code push_in_spec}, GRIP §6.2): binds, and publishes each
 * single-part message as one item. A publisher's PUSH socket connected to several instances deals
 * its items out among them, which is why instances sharing a Redis publish what arrives here
 * through it, to all of them. Runs on its own thread.
 */
final class ZmqPullInput extends ZmqLoop
{
    private final List<String> specs;
    private final PublishGateway gateway;
    private volatile List<String> bound = List.of();

    ZmqPullInput(ZMQ.Context context, List<String> specs, PublishGateway gateway)
    {
        super(context, "pull");
        this.specs = List.copyOf(specs);
        this.gateway = gateway;
    }

    /** The endpoints bound, {@code *} ports resolved; known once started. */
    List<String> bound()
    {
        return bound;
    }

    @Override
    List<ZMQ.Socket> open()
    {
        ZMQ.Socket pull = socket(SocketType.PULL);
        List<String> endpoints = new ArrayList<>();
        for (String spec : specs)
            endpoints.add(bind(pull, spec));
        bound = List.copyOf(endpoints);
        return List.of(pull);
    }

    @Override
    void received(ZMQ.Socket socket, ZMsg message)
    {
        if (message.size() != 1)
        {
            reject("received message with parts != 1");
            return;
        }
        try
        {
            gateway.publish(ZmqItems.parse(message.getFirst().getData(), Optional.empty()), PublishGateway.Source.PULL);
        }
        catch (GripFormatException e)
        {
            reject(e.getMessage());
        }
    }
}
