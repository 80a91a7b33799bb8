// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.zmq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.zeromq.ZMQ;

import io.holdfast.config.Setting;
import io.holdfast.config.Settings;
import io.holdfast.hub.ChannelHub;
import io.holdfast.hub.Refreshables;
import io.holdfast.publish.CommandHandler;
import io.holdfast.publish.PublishGateway;
import io.holdfast.stats.HubActivity;

/**
 * Every ZeroMQ socket of one deployment, on one context: the PULL and SUB inputs, the command and
 * stats sockets, each present when its setting names an endpoint. Built and
 * closed by the application listener; {@link #close()} stops every socket's thread (each closes its
 * own sockets), then terminates the context, so an undeploy or redeploy frees every port. Thread-safe.
 */
public final class ZmqSockets implements AutoCloseable
{
    /** The SUB input, which listens to the hub for the channels to subscribe to. */
    private volatile Optional<ZmqSubInput> subInput = Optional.empty();
    private final ZMQ.Context context = ZMQ.context(1);
    private final ChannelHub hub;
    private final HubActivity activity;
    private final Refreshables refreshables;
    private final List<ZmqLoop> loops = new ArrayList<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();

    private ZmqSockets(ChannelHub hub, HubActivity activity, Refreshables refreshables)
    {
        this.hub = hub;
        this.activity = activity;
        this.refreshables = refreshables;
    }

    /**
     * Starts the sockets the settings ask for; a socket that cannot bind stops the others and throws,
     * so the deployment fails with the endpoint's name.
     */
    public static ZmqSockets start(Settings settings, ChannelHub hub, HubActivity activity, Refreshables refreshables,
                                   PublishGateway gateway) throws Exception
    {
        ZmqSockets sockets = new ZmqSockets(hub, activity, refreshables);
        try
        {
            sockets.startAll(settings, gateway);
        }
        catch (Exception e)
        {
            sockets.close();
            throw e;
        }
        return sockets;
    }

    private void startAll(Settings settings, PublishGateway gateway) throws Exception
    {
        List<String> pullSpecs = list(settings.string(Setting.ZMQ_PULL));
        String pullBound = "";
        if (!pullSpecs.isEmpty())
        {
            ZmqPullInput pull = started(new ZmqPullInput(context, pullSpecs, gateway));
            pullBound = String.join(",", pull.bound());
            endpoints.put(Setting.ZMQ_PULL.key(), pullBound);
        }
        List<String> subSpecs = list(settings.string(Setting.ZMQ_SUB));
        boolean subConnect = settings.bool(Setting.ZMQ_SUB_CONNECT);
        String subBound = "";
        if (!subSpecs.isEmpty())
        {
            ZmqSubInput sub = started(new ZmqSubInput(context, subSpecs, subConnect, hub, gateway));
            subInput = Optional.of(sub);
            subBound = subConnect ? "" : String.join(",", sub.bound());
            endpoints.put(Setting.ZMQ_SUB.key(), subConnect ? String.join(",", subSpecs) : subBound);
        }
        String commandSpec = settings.string(Setting.ZMQ_COMMAND);
        if (!commandSpec.isEmpty())
        {
            Map<String, String> uris = new LinkedHashMap<>();
            CommandHandler handler = new CommandHandler(gateway, hub::recoverAll, activity::isConnected,
                () -> uris, hub, refreshables);
            ZmqCommandSocket command = started(new ZmqCommandSocket(context, commandSpec, handler));
            endpoints.put(Setting.ZMQ_COMMAND.key(), command.bound());
            // the default port is one the system picks: this line is how a user finds it
            ZmqLoop.LOG.info("command socket bound to {}", command.bound());
            // as Pushpin: the first of each, and publish-sub only when the SUB input binds
            uris.put("command", command.bound());
            first(pullBound).ifPresent(uri -> uris.put("publish-pull", uri));
            first(subBound).ifPresent(uri -> uris.put("publish-sub", uri));
        }
        warnIfOpen(pullBound, Setting.ZMQ_PULL);
        warnIfOpen(subBound, Setting.ZMQ_SUB);
        warnIfOpen(endpoints.getOrDefault(Setting.ZMQ_COMMAND.key(), ""), Setting.ZMQ_COMMAND);
        String statsSpec = settings.string(Setting.ZMQ_STATS);
        if (!statsSpec.isEmpty())
        {
            ZmqStatsSocket stats = started(new ZmqStatsSocket(context, statsSpec, activity,
                settings.number(Setting.STATS_REPORT_INTERVAL)));
            endpoints.put(Setting.ZMQ_STATS.key(), stats.bound());
        }
    }

    // ZeroMQ has no authentication here: whoever reaches an input can publish, whatever holdfast.publish.key says.
    private static void warnIfOpen(String bound, Setting input)
    {
        for (String endpoint : list(bound))
        {
            if (!ZmqEndpoints.isLoopback(endpoint))
                ZmqLoop.LOG.warn("{} is bound to {}, beyond loopback, without authentication: anyone who can reach it can"
                    + " publish (or command) this instance", input.key(), endpoint);
        }
    }

    private <T extends ZmqLoop> T started(T loop) throws Exception
    {
        loops.add(loop);
        loop.start(activity.instanceId());
        return loop;
    }

    /** Setting key to the endpoint(s) in use, {@code *} ports resolved: what tests and logs need to know. */
    public Map<String, String> endpoints()
    {
        return Map.copyOf(endpoints);
    }

    /** What every socket thread's name ends with: {@code @} and the instance id. */
    public String threadSuffix()
    {
        return "@" + activity.instanceId();
    }

    /** Messages read on any socket since start, valid or not. */
    public long received()
    {
        return loops.stream().mapToLong(ZmqLoop::received).sum();
    }

    /** Messages dropped as invalid on any socket since start. */
    public long rejected()
    {
        return loops.stream().mapToLong(ZmqLoop::rejected).sum();
    }

    @Override
    public void close()
    {
        subInput.ifPresent(hub::removeListener);
        activity.setListener(event ->
        {
        });
        loops.forEach(ZmqLoop::stop);
        loops.clear();
        // every socket is closed by now, so this returns at once
        context.term();
    }

    private static List<String> list(String commaList)
    {
        return Arrays.stream(commaList.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Optional<String> first(String commaList)
    {
        return list(commaList).stream().findFirst();
    }
}
