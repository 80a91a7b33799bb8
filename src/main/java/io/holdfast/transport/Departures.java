// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import jakarta.servlet.ServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.net.DepartureWatch;

/**
 * Notices a held client that left (FIN or RST) with no write, where the container cannot tell the
 * webapp: on Tomcat, a {@link DepartureWatch} on the request's socket ({@link TomcatSockets}). On
 * Jetty, Holdfast's connection factory runs the same watch below the webapp and fails the request,
 * which reaches the held connection as an async error; nothing is done here. Nor over HTTP/2,
 * where the container notices a stream's client leaving. Thread-safe; closed with the webapp.
 */
public final class Departures implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Departures.class);

    /** What a held connection keeps to say it ended; {@link #release()} is idempotent. */
    public interface Watching
    {
        void release();
    }

    /** Nothing watched: what a response written at once, or a container that cannot be watched, gets. */
    public static final Watching NOTHING = () -> { };

    private final DepartureWatch watch = new DepartureWatch("holdfast-departures");
    private volatile boolean unsupported;

    /** Watches {@code request}'s client; {@code departed} runs (once, on the watch's thread) if it leaves. */
    public Watching watch(ServletRequest request, Runnable departed)
    {
        // An HTTP/2 stream shares its socket with the others, and the container reads it all the time
        // (so it hears of a reset or a close itself): a watch would see its reads as the client leaving.
        if (unsupported || request.getProtocol().startsWith("HTTP/2") || !TomcatSockets.isTomcat(request))
            return NOTHING;
        SocketChannel channel;
        try
        {
            channel = TomcatSockets.channelOf(request);
        }
        catch (ReflectiveOperationException | RuntimeException e)
        {
            unsupported();
            LOG.debug("no socket for {}", request, e);
            return NOTHING;
        }
        if (channel == null)
        {
            unsupported();
            return NOTHING;
        }
        DepartureWatch.Ticket ticket = watch.watch(new DepartureWatch.Watched()
        {
            @Override
            public SocketChannel channel()
            {
                return channel;
            }

            @Override
            public void departed(IOException cause)
            {
                departed.run();
            }
        });
        return () -> watch.release(ticket);
    }

    private void unsupported()
    {
        if (!unsupported)
        {
            unsupported = true;
            LOG.info("this container's connector does not let Holdfast watch held connections: a client that leaves is "
                + "noticed at the next write to it (see docs/held-connections.md)");
        }
    }

    @Override
    public void close()
    {
        watch.stop();
    }
}
