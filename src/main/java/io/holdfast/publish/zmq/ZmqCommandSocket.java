// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.zmq;

import java.util.List;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import io.holdfast.format.GripFormatException;
import io.holdfast.publish.CommandHandler;

/**
 * The ZeroMQ command socket ({@code command_spec}, GRIP §6.4): a REP socket that answers every
 * request with {@link CommandHandler}'s reply, even one it cannot read, so a REQ client is never left
 * waiting. Runs on its own thread.
 */
final class ZmqCommandSocket extends ZmqLoop
{
    private final String spec;
    private final CommandHandler handler;
    private volatile String bound = "";

    ZmqCommandSocket(ZMQ.Context context, String spec, CommandHandler handler)
    {
        super(context, "command");
        this.spec = spec;
        this.handler = handler;
    }

    /** The endpoint bound, a {@code *} port resolved; known once started. */
    String bound()
    {
        return bound;
    }

    @Override
    List<ZMQ.Socket> open()
    {
        ZMQ.Socket rep = socket(SocketType.REP);
        bound = bind(rep, spec);
        return List.of(rep);
    }

    @Override
    void received(ZMQ.Socket socket, ZMsg message)
    {
        byte[] reply;
        if (message.size() != 1)
        {
            reject("received message with parts != 1");
            reply = CommandHandler.badFormat();
        }
        else
        {
            try
            {
                reply = handler.handle(message.getFirst().getData());
            }
            catch (GripFormatException e)
            {
                reject(e.getMessage());
                reply = CommandHandler.badFormat();
            }
        }
        socket.send(reply);
    }
}
