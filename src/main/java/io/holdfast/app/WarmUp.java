// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.format.GripFormatException;
import io.holdfast.format.item.PublishItem;
import io.holdfast.format.item.PublishRequestParser;
import io.holdfast.hub.ChannelHub;
import io.holdfast.route.RouteTable;
import io.holdfast.route.RoutesException;
import io.holdfast.route.RoutesParser;
import io.holdfast.stats.HubActivity;
import io.holdfast.stats.HubMetrics;

/**
 * Runs streams, long-polls and plain requests through the whole proxy before the first client
 * comes, so that a restart meets its reconnecting clients with compiled code instead of an
 * interpreter (docs/performance.md, cold start). The container calls {@link #applyAsInt} with a
 * port that serves this webapp and that no client knows (Holdfast's Jetty listener does, before it
 * accepts anyone); the requests go there under a host name made up for this run, which a route
 * that exists only meanwhile sends to a loopback origin of the warm-up's own. Items are published
 * to the hub directly, never to a broker. Bounded by a time budget; a failure ends it early and is
 * logged, never fatal. The proxy's and the publish log are quiet meanwhile, and the counters start
 * from zero afterwards. Not thread-safe: called once.
 */
final class WarmUp implements IntUnaryOperator
{
    /** The servlet context attribute through which the container finds it. */
    static final String ATTRIBUTE = "io.holdfast.warmup";
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast");
    private static final int STREAMS = 200;
    private static final int POLLS = 10;
    private static final int PLAIN = 5;
    private static final int CHANNELS = 8;
    private static final long ROUND_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final byte[] ITEM = "warm\n".getBytes(StandardCharsets.US_ASCII);

    private final ChannelHub hub;
    private final HubMetrics metrics;
    private final HubActivity activity;
    private final long budgetNanos;
    private final int maxSetUps;
    private final String name = "holdfast-warm-up-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    // The requests' host, which only the warm-up's route matches.
    private final String host = name + ".invalid";
    private volatile RouteTable warmUpRoutes;
    private volatile boolean begun;

    WarmUp(ChannelHub hub, HubMetrics metrics, HubActivity activity, long budgetMillis, int maxSetUps)
    {
        this.hub = hub;
        this.metrics = metrics;
        this.activity = activity;
        this.budgetNanos = TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        this.maxSetUps = maxSetUps;
    }

    /** {@code routes}, except that while the warm-up runs only its own route exists. */
    Supplier<RouteTable> routes(Supplier<RouteTable> routes)
    {
        return () ->
        {
            RouteTable warming = warmUpRoutes;
            return warming != null ? warming : routes.get();
        };
    }

    /** Warms up through {@code port} on loopback; returns how many holds were set up. */
    @Override
    public int applyAsInt(int port)
    {
        begun = true;
        long started = System.nanoTime();
        int setUps = 0;
        try (WarmUpOrigin origin = WarmUpOrigin.start(); QuietLogs quiet = QuietLogs.of("io.holdfast.proxy", "io.holdfast.publish"))
        {
            warmUpRoutes = RouteTable.of(RoutesParser.parse(host + " 127.0.0.1:" + origin.port(), "warm-up").routes());
            InetSocketAddress proxy = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            long deadline = started + budgetNanos;
            // A round begun in the budget may finish after it; a proxy that stops answering ends it.
            for (int round = 0; setUps < maxSetUps && System.nanoTime() < deadline; round++)
                setUps += round(proxy, round, System.nanoTime() + ROUND_LIMIT_NANOS);
        }
        catch (IOException | RoutesException | GripFormatException | RuntimeException e)
        {
            LOG.info("warm-up ended early after {} holds: {}", setUps, e.toString());
        }
        finally
        {
            warmUpRoutes = null;
            awaitReleased(System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
            // What clients see counted starts with the first client.
            metrics.resetCounts();
            activity.takeReport();
        }
        LOG.info("warm-up: {} holds set up, published to and closed in {} ms", setUps,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return setUps;
    }

    /** Logs a warning when no container ran the warm-up; returns whether it did so. */
    boolean reportIfNotRun()
    {
        if (begun)
            return false;
        LOG.warn("holdfast.warmup is set, but this container did not run the warm-up: it runs on Holdfast's Jetty "
            + "listener only (jetty-base's holdfast module, mvn jetty:run)");
        return true;
    }

    private int round(InetSocketAddress proxy, int round, long deadline) throws IOException, GripFormatException
    {
        String streamChannel = name + "-" + round % CHANNELS;
        String pollChannel = streamChannel + "-poll";
        List<WarmUpClient> clients = new ArrayList<>();
        try
        {
            for (int i = 0; i < STREAMS; i++)
                clients.add(WarmUpClient.request(proxy, host, "/stream/" + streamChannel, deadline));
            for (int i = 0; i < POLLS; i++)
                clients.add(WarmUpClient.request(proxy, host, "/response/" + pollChannel, deadline));
            readAll(clients.subList(0, STREAMS), WarmUpClient.HEAD_END, "stream heads");
            awaitSubscribers(streamChannel, STREAMS, deadline);
            awaitSubscribers(pollChannel, POLLS, deadline);
            for (PublishItem item : PublishRequestParser.parse(publishBody(streamChannel, pollChannel)))
                hub.publish(item);
            readAll(clients, ITEM, "published items");
            try (WarmUpClient plain = WarmUpClient.connect(proxy, deadline))
            {
                for (int i = 0; i < PLAIN; i++)
                {
                    plain.send(host, "/plain");
                    plain.readUntil(ITEM);
                }
            }
        }
        finally
        {
            // Half leave with a reset, half with a FIN: both ways out are warmed.
            for (int i = 0; i < clients.size(); i++)
                clients.get(i).close(i % 2 == 0);
        }
        return STREAMS + POLLS;
    }

    // Says how far it got when one does not answer, so that a warm-up that ends early says where.
    private static void readAll(List<WarmUpClient> clients, byte[] marker, String what) throws IOException
    {
        int read = 0;
        try
        {
            for (WarmUpClient client : clients)
            {
                client.readUntil(marker);
                read++;
            }
        }
        catch (IOException e)
        {
            throw new IOException(what + ": " + read + " of " + clients.size() + " read, then " + e.getMessage(), e);
        }
    }

    private static byte[] publishBody(String streamChannel, String pollChannel)
    {
        return ("{\"items\":[{\"channel\":\"" + streamChannel + "\",\"formats\":{\"http-stream\":{\"content\":\"warm\\n\"}}},"
            + "{\"channel\":\"" + pollChannel + "\",\"formats\":{\"http-response\":{\"body\":\"warm\\n\"}}}]}")
            .getBytes(StandardCharsets.UTF_8);
    }

    private void awaitSubscribers(String channel, int count, long deadline) throws IOException
    {
        while (hub.subscriberCount(channel) < count)
        {
            if (System.nanoTime() > deadline)
                throw new IOException("holds on " + channel + " not set up in time");
            pause();
        }
    }

    private void awaitReleased(long deadline)
    {
        while (hub.activeChannels().stream().anyMatch(channel -> channel.startsWith(name)) && System.nanoTime() < deadline)
            pause();
    }

    private static void pause()
    {
        try
        {
            Thread.sleep(1);
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
