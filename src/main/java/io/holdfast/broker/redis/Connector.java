// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.broker.BrokerState;

/**
 * The broker's two Redis connections, one for commands and one for pub/sub, and whether they are
 * usable. Lettuce reconnects a lost connection by itself; a first connection that fails (Redis down,
 * a wrong password) is retried here, with back-off. The broker is UP once both connections are
 * open and the scripts are loaded on the new connection, DOWN as soon as either is lost. Commands
 * written before a loss are never sent again after reconnecting (an unconfirmed publish must not be
 * applied twice): they fail with {@link NotReplayed}. States are reported on the broker's lane.
 * Thread-safe.
 */
final class Connector implements RedisConnectionStateListener
{
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.broker");
    private static final long CHECK_MILLIS = 500;
    private static final long MAX_RETRY_MILLIS = 10_000;

    /** Fails a command that was written before the connection was lost, instead of sending it again. */
    static final class NotReplayed extends RedisException
    {
        private static final long serialVersionUID = 1L;

        NotReplayed()
        {
            super("the connection to Redis was lost before the reply came");
        }
    }

    private final RedisURI uri;
    private final ScheduledExecutorService timer;
    private final SerialLane lane;
    private final Consumer<BrokerState> states;
    private final ClientResources resources;
    private final RedisClient client;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private volatile boolean closed;
    // lane only
    private BrokerState state = BrokerState.CONNECTING;
    private boolean activating;
    private String lastFailure = "";

    Connector(RedisURI uri, ScheduledExecutorService timer, SerialLane lane, Consumer<BrokerState> states)
    {
        this.uri = uri;
        this.timer = timer;
        this.lane = lane;
        this.states = states;
        this.resources = DefaultClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(2)
            // Redis back within a second is noticed within a second; a long outage costs a try every 5 s
            .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS))
            .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .replayFilter(command ->
            {
                command.completeExceptionally(new NotReplayed());
                return true;
            })
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).keepAlive(true).build())
            .build());
        client.addListener(this);
    }

    /** Connects both connections; {@code listener} hears the pub/sub connection. */
    void start(RedisPubSubListener<String, String> listener)
    {
        connectCommands(0);
        connectPubSub(listener, 0);
        timers.add(timer.scheduleWithFixedDelay(() -> lane.execute(this::check), CHECK_MILLIS, CHECK_MILLIS,
            TimeUnit.MILLISECONDS));
    }

    /** The command connection, or null before the first connect. */
    StatefulRedisConnection<String, String> commands()
    {
        return commands;
    }

    /** The pub/sub connection, or null before the first connect. */
    StatefulRedisPubSubConnection<String, String> pubsub()
    {
        return pubsub;
    }

    private void connectCommands(long delayMillis)
    {
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((connection, failure) ->
        {
            if (failure != null)
            {
                failed(failure);
                retry(() -> connectCommands(next(delayMillis)), next(delayMillis));
            }
            else if (closed)
                connection.closeAsync();
            else
            {
                commands = connection;
                lane.execute(this::check);
            }
        });
    }

    private void connectPubSub(RedisPubSubListener<String, String> listener, long delayMillis)
    {
        client.connectPubSubAsync(StringCodec.UTF8, uri).whenComplete((connection, failure) ->
        {
            if (failure != null)
            {
                failed(failure);
                retry(() -> connectPubSub(listener, next(delayMillis)), next(delayMillis));
            }
            else if (closed)
                connection.closeAsync();
            else
            {
                connection.addListener(listener);
                pubsub = connection;
                lane.execute(this::check);
            }
        });
    }

    private static long next(long delayMillis)
    {
        return Math.min(MAX_RETRY_MILLIS, Math.max(250, delayMillis * 2));
    }

    private void retry(Runnable connect, long delayMillis)
    {
        if (closed)
            return;
        try
        {
            timer.schedule(connect, delayMillis, TimeUnit.MILLISECONDS);
        }
        catch (RuntimeException rejected)
        {
            // the timer shut down with the application: nothing left to connect for
        }
    }

    private void failed(Throwable failure)
    {
        Throwable cause = Scripts.unwrap(failure);
        String message = cause.getMessage() + (cause.getCause() != null ? ": " + cause.getCause().getMessage() : "");
        lane.execute(() ->
        {
            // the first time and whenever it changes, so a wrong password is said once, not every retry
            if (!message.equals(lastFailure))
                LOG.warn("cannot connect to Redis broker {}: {} (retrying)", RedisBroker.describe(uri), message);
            lastFailure = message;
        });
    }

    /** On the lane: reports DOWN when a connection is lost, and starts activation when both are open. */
    private void check()
    {
        StatefulRedisConnection<String, String> c = commands;
        StatefulRedisPubSubConnection<String, String> p = pubsub;
        boolean open = c != null && p != null && c.isOpen() && p.isOpen();
        if (closed)
            return;
        if (!open)
        {
            if (state == BrokerState.UP)
                report(BrokerState.DOWN);
            return;
        }
        if (state == BrokerState.UP || activating)
            return;
        activating = true;
        List<CompletableFuture<?>> steps = new ArrayList<>();
        for (String lua : Scripts.ALL)
            steps.add(c.async().scriptLoad(lua).toCompletableFuture());
        steps.add(p.async().ping().toCompletableFuture());
        CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> lane.execute(() ->
        {
            activating = false;
            if (failure != null)
                LOG.debug("Redis broker not ready yet: {}", failure.toString());
            else if (!closed && c.isOpen() && p.isOpen() && state != BrokerState.UP)
            {
                lastFailure = "";
                report(BrokerState.UP);
            }
        }));
    }

    private void report(BrokerState next)
    {
        // a closing broker's connections go down on purpose: nobody is to be told
        if (closed)
            return;
        state = next;
        states.accept(next);
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address)
    {
        if (connection == commands || connection == pubsub)
            lane.execute(this::check);
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection)
    {
        if (connection == commands || connection == pubsub)
            lane.execute(() ->
            {
                if (state == BrokerState.UP)
                    report(BrokerState.DOWN);
            });
    }

    void close()
    {
        closed = true;
        timers.forEach(t -> t.cancel(false));
        client.shutdown(Duration.ofMillis(0), Duration.ofSeconds(2));
        try
        {
            resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException e)
        {
            LOG.warn("Redis client threads did not stop in time: {}", e.toString());
        }
    }
}
