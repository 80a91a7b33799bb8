// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;

import io.holdfast.transport.ws.ClientLeg;
import io.holdfast.transport.ws.WsEnvironment;
import io.holdfast.transport.ws.WsSession;

/**
 * One SockJS session over HTTP transports, as the client side of its {@link WsSession}: what the
 * origin and publishers send waits in a bounded queue until a receiving request takes it all as
 * one {@code a[...]} frame; what the client sends goes to the origin. Pushpin's timers, on the
 * proxy's timer: a waiting receiver gets a heartbeat {@code h} after the heartbeat interval with
 * nothing else to send, and a session without a receiver for 5 s ends (its origin hears that the
 * client vanished), as does one whose receiver's client went away. A closed session answers every
 * request with its close frame for 5 s more, then its id is forgotten.
 *
 * <p>Thread-safe. The session's lock is never held while calling its {@code WsSession}: a publisher
 * holds a channel's lock when it offers here, and the session reaches the hub's locks through it.
 */
final class SockJsHttpSession implements ClientLeg
{
    static final long DISCONNECT_DELAY_MILLIS = 5000;
    static final String ANOTHER_CONNECTION = SockJsFrames.close(2010, "Another connection still open");
    /** For a request that raced the session's end: SockJS 0.3.3's word for a lost session. */
    private static final String INTERRUPTED = SockJsFrames.close(1002, "Connection interrupted");

    private final String id;
    private final ConcurrentMap<String, SockJsHttpSession> sessions;
    private final WsEnvironment env;
    private final long heartbeatMillis;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queuedBytes;
    private WsSession ws;
    private SockJsReceiver receiver;
    private String closeFrame;
    private boolean ended;
    private ScheduledFuture<?> timer;
    private volatile long lastSendNanos;

    /**
     * @param sessions the route's sessions by id, where this one is registered while it lives
     * @param heartbeatMillis how long a receiver waits before it gets a heartbeat (0: forever)
     */
    SockJsHttpSession(String id, ConcurrentMap<String, SockJsHttpSession> sessions, WsEnvironment env, long heartbeatMillis)
    {
        this.id = id;
        this.sessions = sessions;
        this.env = env;
        this.lastSendNanos = env.nanoTime();
        this.heartbeatMillis = heartbeatMillis;
    }

    /** The origin accepted: the opening request gets {@code o} (a stream then stays to receive). */
    void opened(WsSession session, SockJsReceiver first)
    {
        synchronized (this)
        {
            ws = session;
            receiver = first;
            sentLocked(first.send(SockJsFrames.OPEN));
        }
        session.clientOpened(this);
    }

    /** A request that receives: it waits for frames unless another one already does. */
    void receive(SockJsReceiver next)
    {
        synchronized (this)
        {
            if (ended)
                next.sendLast(closeFrame == null ? INTERRUPTED : closeFrame);
            else if (ws == null || receiver != null)
                next.sendLast(ANOTHER_CONNECTION);
            else
            {
                receiver = next;
                heartbeatLocked();
                flushLocked();
            }
        }
    }

    /** What a send must be answered with instead of being taken (null when it is taken). */
    synchronized String refusal()
    {
        if (closeFrame != null)
            return closeFrame;
        if (ended)
            return INTERRUPTED;
        return ws == null ? ANOTHER_CONNECTION : null;
    }

    /** The client's messages, in order, for the origin. */
    void clientMessages(List<String> messages)
    {
        WsSession session;
        synchronized (this)
        {
            session = ws;
        }
        for (String message : messages)
            session.clientText(message);
    }

    /** A receiver's client went away before the receiver was done: the session ends with it. */
    void receiverGone(SockJsReceiver gone)
    {
        synchronized (this)
        {
            if (receiver != gone)
                return;
            receiver = null;
            if (closeFrame == null)
                endLocked();
        }
    }

    // ---- the client side of the WsSession ---------------------------------------------------

    // Not timed: a frame here carries the messages of several publishes, whenever the client polls.
    @Override
    public boolean offer(Outgoing message, long publishedNanos)
    {
        String text;
        if (message instanceof Text t)
            text = t.text();
        else if (message instanceof Binary b)
            text = StandardCharsets.UTF_8.decode(b.data().duplicate()).toString();
        else
            return true; // SockJS has no ping or pong frames
        synchronized (this)
        {
            if (closeFrame != null || ended)
                return true;
            if (queue.size() >= env.queueMessages() || queuedBytes + text.length() > env.queueBytes())
                return false;
            queue.add(text);
            queuedBytes += text.length();
            env.metrics().budget().add(text.length());
            lastSendNanos = env.nanoTime();
            flushLocked();
        }
        return true;
    }

    @Override
    public void close(CloseReason reason)
    {
        synchronized (this)
        {
            if (closeFrame != null || ended)
                return;
            int code = reason.getCloseCode().getCode();
            String phrase = reason.getReasonPhrase();
            // As Pushpin: no code is 0, no reason is "Connection closed".
            closeFrame = SockJsFrames.close(code == CloseReason.CloseCodes.NO_STATUS_CODE.getCode() ? 0 : code,
                phrase == null || phrase.isEmpty() ? "Connection closed" : phrase);
            cancelTimer();
            timer = env.timer().schedule(this::forget, DISCONNECT_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            flushLocked();
        }
    }

    @Override
    public synchronized boolean isBacklogged()
    {
        return !queue.isEmpty();
    }

    @Override
    public long lastSendNanos()
    {
        return lastSendNanos;
    }

    // ---- under the lock ---------------------------------------------------------------------

    // Queued messages go first, as one frame; a close frame only once nothing is queued (a poll
    // that took messages leaves it for the next poll, as Pushpin does).
    private void flushLocked()
    {
        while (receiver != null)
        {
            if (!queue.isEmpty())
            {
                String frame = SockJsFrames.messages(List.copyOf(queue));
                queue.clear();
                env.metrics().budget().release(queuedBytes);
                queuedBytes = 0;
                sentLocked(receiver.send(frame));
            }
            else if (closeFrame != null)
            {
                receiver.sendLast(closeFrame);
                receiver = null;
            }
            else
                return;
        }
    }

    private void sentLocked(SockJsReceiver.Sent sent)
    {
        switch (sent)
        {
            case MORE -> heartbeatLocked();
            case DONE ->
            {
                receiver = null;
                // A closed session's timer is its linger, which must run out as it is.
                if (closeFrame == null)
                {
                    cancelTimer();
                    timer = env.timer().schedule(this::disconnectDue, DISCONNECT_DELAY_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
            case BROKEN ->
            {
                receiver = null;
                if (closeFrame == null)
                    endLocked();
            }
        }
    }

    private void heartbeatLocked()
    {
        if (closeFrame != null || heartbeatMillis <= 0)
            return;
        cancelTimer();
        SockJsReceiver waiting = receiver;
        timer = env.timer().schedule(() -> heartbeatDue(waiting), heartbeatMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void heartbeatDue(SockJsReceiver waiting)
    {
        if (receiver == waiting && closeFrame == null && !ended)
            sentLocked(waiting.send(SockJsFrames.HEARTBEAT));
    }

    private synchronized void disconnectDue()
    {
        if (receiver == null && closeFrame == null && !ended)
            endLocked();
    }

    /** The linger after a close is over: the id may be used afresh. */
    private synchronized void forget()
    {
        ended = true;
        sessions.remove(id, this);
    }

    /** The client is gone: forget the session and tell the origin, off this lock. */
    private void endLocked()
    {
        ended = true;
        cancelTimer();
        sessions.remove(id, this);
        env.metrics().budget().release(queuedBytes);
        queue.clear();
        queuedBytes = 0;
        WsSession session = ws;
        if (session != null)
            env.timer().execute(() -> session.clientClosed(-1, ""));
    }

    private void cancelTimer()
    {
        if (timer != null)
            timer.cancel(false);
        timer = null;
    }
}
