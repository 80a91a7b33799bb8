// SPDX-License-Identifier: Apache-2.0
// Over 300 lines: the GRIP rules between the client leg, the origin leg and the hub share one lock
// and one lifecycle; the queues kept before each side opens are the part to split out next.
package io.holdfast.transport.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.format.item.FormatKind;
import io.holdfast.format.item.WsMessageFormat;
import io.holdfast.hub.Delivery;
import io.holdfast.hub.Refreshable;
import io.holdfast.hub.Subscriber;

/**
 * One proxied WebSocket: its client leg, its origin leg and, when GRIP is on, the GRIP
 * rules between them (GRIP §7.2): origin messages must carry the message prefix (stripped) or are
 * {@code c:} control messages; client messages pass unchanged and are never control messages.
 * As a hub subscriber it takes {@code ws-message} publishes. Lifecycle: created when the origin
 * accepted, {@link #clientOpened} when the client's upgrade completes, ended by either side or by a
 * publish. Thread-safe: client, origin and publishers call in on their own threads.
 */
public final class WsSession implements Subscriber, OriginLeg.Listener, Refreshable
{
    private static final Logger LOG = LoggerFactory.getLogger(WsSession.class);
    /** Close code for a client that could not keep up (RFC 6455: "try again later"). */
    static final int TRY_AGAIN_LATER = 1013;

    private final WsEnvironment env;
    private final OriginLeg origin;
    private final String connectionId;
    private final WsGripControl control;
    private final ClientLiveness liveness;
    private volatile Optional<String> gripPrefix = Optional.empty();
    private final Map<String, String> meta = new ConcurrentHashMap<>();
    /** Origin events that came before {@link #originAccepted}, in order. */
    private final List<Runnable> beforeAccepted = new ArrayList<>();
    /** Messages for the client before its upgrade completed, in order, with their publish start. */
    private final List<Early> beforeOpen = new ArrayList<>();
    private CloseReason closeBeforeOpen;
    private volatile boolean accepted;
    private volatile ClientLeg client;
    private volatile boolean detached;
    private volatile boolean ended;

    /**
     * @param connectionId the id the hub's activity record knows the connection by (opened by the
     *                     caller, closed here when the session ends)
     * @param channelPrefix the route's channel prefix
     * @param implicitChannels the target's {@code sub=} channels, subscribed for the whole connection
     */
    public WsSession(WsEnvironment env, OriginLeg origin, String connectionId, String channelPrefix,
                     List<String> implicitChannels)
    {
        this.env = env;
        this.origin = origin;
        this.connectionId = connectionId;
        this.control = new WsGripControl(this, env, channelPrefix, implicitChannels);
        this.liveness = new ClientLiveness(this, env);
    }

    /**
     * The origin accepted; {@code prefix} is the message prefix when GRIP is on (the origin
     * accepted the extension, or the target subscribes implicitly), else empty. Origin events
     * that arrive before the client's upgrade completes wait for it.
     */
    public void originAccepted(Optional<String> prefix)
    {
        synchronized (this)
        {
            gripPrefix = prefix;
            accepted = true;
            // Under the monitor, so events arriving meanwhile wait and keep their order.
            beforeAccepted.forEach(Runnable::run);
            beforeAccepted.clear();
        }
    }

    public OriginLeg origin()
    {
        return origin;
    }

    // ---- client side ------------------------------------------------------------------------

    /**
     * The client's upgrade completed: deliver what the origin already said, then subscribe. A quiet
     * client is pinged to find out whether it is still there.
     */
    public void clientOpened(Session session)
    {
        clientOpened(ClientLeg.of(session, env));
        liveness.start();
    }

    /**
     * A client side of another kind opened (SockJS): as above, without pings, since such a client
     * finds out itself whether its peer is there (SockJS sessions time out).
     */
    public void clientOpened(ClientLeg sender)
    {
        synchronized (this)
        {
            // Published only after the backlog is queued, so nothing overtakes it.
            for (Early early : beforeOpen)
                sender.offer(early.message(), early.publishedNanos());
            beforeOpen.clear();
            if (closeBeforeOpen != null)
                sender.close(closeBeforeOpen);
            client = sender;
        }
        if (!ended)
            env.refreshables().register(connectionId, this);
        control.subscribeImplicit();
    }

    public void clientText(String text)
    {
        liveness.heard();
        if (!detached && !ended)
            origin.sendText(text);
    }

    public void clientBinary(ByteBuffer data)
    {
        liveness.heard();
        if (!detached && !ended)
            origin.sendBinary(data);
    }

    public void clientPong(ByteBuffer data)
    {
        liveness.heard();
        if (!detached && !ended && !ClientLiveness.isProbeReply(data))
            origin.sendPong(data);
    }

    /** The client stopped answering pings: drop it, and tell the origin it vanished. */
    void clientVanished()
    {
        closeClient(CloseReason.CloseCodes.GOING_AWAY.getCode(), "no response to ping");
        if (!detached)
            origin.disconnect();
    }

    /** The client closed (or its connection failed: {@code code} -1 then). */
    public void clientClosed(int code, String reason)
    {
        if (end() && !detached)
        {
            if (code < 0)
                origin.disconnect();
            else
                origin.close(code, reason);
        }
    }

    // ---- origin side ------------------------------------------------------------------------

    @Override
    public void onText(String text)
    {
        if (deferred(() -> onText(text)))
            return;
        Optional<String> gripPrefix = this.gripPrefix;
        if (gripPrefix.isEmpty())
        {
            toClient(new ClientLeg.Text(text));
            return;
        }
        if (text.startsWith("c:"))
        {
            control.handle(text.substring(2).getBytes(StandardCharsets.UTF_8));
            return;
        }
        String prefix = gripPrefix.get();
        if (text.startsWith(prefix))
            toClient(new ClientLeg.Text(text.substring(prefix.length())));
        else
            LOG.debug("dropping unprefixed message");
    }

    @Override
    public void onBinary(ByteBuffer data)
    {
        if (deferred(() -> onBinary(data)))
            return;
        Optional<String> gripPrefix = this.gripPrefix;
        if (gripPrefix.isEmpty())
        {
            toClient(new ClientLeg.Binary(data));
            return;
        }
        byte[] prefix = gripPrefix.get().getBytes(StandardCharsets.UTF_8);
        if (!startsWith(data, prefix))
        {
            LOG.debug("dropping unprefixed message");
            return;
        }
        ByteBuffer rest = data.duplicate();
        rest.position(rest.position() + prefix.length);
        toClient(new ClientLeg.Binary(rest.slice()));
    }

    @Override
    public void onPing(ByteBuffer data)
    {
        toClient(new ClientLeg.Ping(data));
    }

    @Override
    public void onPong(ByteBuffer data)
    {
        toClient(new ClientLeg.Pong(data));
    }

    @Override
    public void onClose(int code, String reason)
    {
        if (deferred(() -> onClose(code, reason)))
            return;
        // Once the session ends (a publish closed it, the client left) the origin's goodbye is moot.
        if (!detached && !ended)
            closeClient(code < 0 ? CloseReason.CloseCodes.NO_STATUS_CODE.getCode() : code, reason);
    }

    @Override
    public void onFailure(Throwable failure)
    {
        if (deferred(() -> onFailure(failure)))
            return;
        LOG.debug("origin side failed", failure);
        if (!detached && !ended)
            closeClient(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "");
    }

    /** GRIP {@code detach}: the origin side goes, the client stays and only receives publishes. */
    void detach()
    {
        detached = true;
        origin.disconnect();
    }

    // ---- hub side ---------------------------------------------------------------------------

    @Override
    public FormatKind takes()
    {
        return FormatKind.WS_MESSAGE;
    }

    @Override
    public Map<String, String> meta()
    {
        return meta;
    }

    void setMeta(String name, Optional<String> value)
    {
        if (value.isPresent())
            meta.put(name, value.get());
        else
            meta.remove(name);
    }

    @Override
    public void deliver(Delivery delivery)
    {
        WsMessageFormat format = delivery.item().wsMessage().orElseThrow();
        switch (format.action())
        {
            case SEND -> toClient(WsMessages.outgoing(delivery, format), delivery.publishedNanos());
            case CLOSE ->
            {
                // The client gets the publisher's code and reason; the origin hears a bare close.
                closeClient(format.closeCode().orElse(CloseReason.CloseCodes.NORMAL_CLOSURE.getCode()),
                    format.closeReason().orElse(""));
                if (!detached)
                    origin.close(-1, "");
            }
            case HINT ->
            {
                // WebSockets have no recovery: a hint means nothing here, as in Pushpin.
            }
        }
    }

    @Override
    public void refresh()
    {
        if (!detached && !ended)
            origin.refresh();
    }

    @Override
    public void recover()
    {
        // No prev-id sequencing on WebSockets (GRIP §4.4): nothing to refetch.
    }

    // A subscribe's prev-id only catches the session up from history (GRIP §4.4 has no sequencing).
    @Override
    public boolean sequenced()
    {
        return false;
    }

    // ---- output -----------------------------------------------------------------------------

    /** Before the origin's acceptance is known, an origin event waits for it; returns true then. */
    private boolean deferred(Runnable originEvent)
    {
        if (accepted)
            return false;
        synchronized (this)
        {
            if (accepted)
                return false;
            beforeAccepted.add(originEvent);
            return true;
        }
    }

    /** Sends the origin's message to the client, or queues it until the client's upgrade completes. */
    void toClient(ClientLeg.Outgoing message)
    {
        toClient(message, 0);
    }

    private void toClient(ClientLeg.Outgoing message, long publishedNanos)
    {
        ClientLeg sender = client;
        if (sender == null)
        {
            synchronized (this)
            {
                sender = client;
                if (sender == null && beforeOpen.size() < env.queueMessages())
                {
                    beforeOpen.add(new Early(message, publishedNanos));
                    return;
                }
            }
        }
        // A client whose upgrade has not completed and already has a full queue is too slow as well.
        if (sender == null || !sender.offer(message, publishedNanos))
        {
            LOG.info("closing a WebSocket client that does not keep up");
            env.metrics().slowClientClosed();
            closeClient(TRY_AGAIN_LATER, "slow consumer");
            if (!detached)
                origin.disconnect();
        }
    }

    ClientLeg sender()
    {
        return client;
    }

    private void closeClient(int code, String reason)
    {
        end();
        CloseReason closeReason = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason);
        ClientLeg sender = client;
        if (sender == null)
        {
            synchronized (this)
            {
                sender = client;
                if (sender == null)
                {
                    closeBeforeOpen = closeReason;
                    return;
                }
            }
        }
        sender.close(closeReason);
    }

    /** Ends the session once: unsubscribed, keep-alives stopped; true for the first caller. */
    private boolean end()
    {
        synchronized (this)
        {
            if (ended)
                return false;
            ended = true;
        }
        liveness.stop();
        control.endAll();
        env.refreshables().forget(connectionId);
        env.activity().connectionClosed(connectionId);
        return true;
    }

    private static boolean startsWith(ByteBuffer data, byte[] prefix)
    {
        if (data.remaining() < prefix.length)
            return false;
        for (int i = 0; i < prefix.length; i++)
        {
            if (data.get(data.position() + i) != prefix[i])
                return false;
        }
        return true;
    }

    /** The channels this connection is subscribed to, for tests and stats. */
    public Set<String> channels()
    {
        return control.channels();
    }

    private record Early(ClientLeg.Outgoing message, long publishedNanos)
    {
    }
}
