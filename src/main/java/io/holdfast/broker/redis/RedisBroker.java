// SPDX-License-Identifier: Apache-2.0
package io.holdfast.broker.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.broker.Broker;
import io.holdfast.broker.BrokerItem;
import io.holdfast.broker.BrokerListener;
import io.holdfast.broker.BrokerState;
import io.holdfast.broker.BrokerUnavailableException;
import io.holdfast.format.item.PublishItem;

/**
 * A {@link Broker} on Redis (Lettuce, non-blocking): per channel a stream of recent items and a
 * hash with the channel's offset and epoch ({@link RedisKeys}), written together with the pub/sub
 * message by one Lua script ({@link PublishScript}). Modelled on Centrifugo's Redis engine.
 *
 * <p>Publish guarantees: refused at once, and not applied, while not UP; a Redis error reply means
 * not applied; a timeout ({@link Connector#COMMAND_TIMEOUT}) or a connection lost before the reply
 * means unknown ({@link BrokerUnavailableException#mayHaveBeenApplied()}): the item may have been
 * applied and delivered, it is never sent a second time. Deliveries of a channel come in offset
 * order, each at most once; a hole is filled from the stream, or reported as a gap.
 *
 * <p>Thread-safe. Every listener call comes from one lane ({@link SerialLane}) run on {@code timer},
 * never on Lettuce's threads; futures complete on Lettuce's threads.
 */
public final class RedisBroker implements Broker
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.broker");
    // the offset and epoch outlive the history by a day, so a channel quiet for longer than its
    // history TTL keeps its numbering and its subscribers see no false gap
    private static final long META_EXTRA_SECONDS = 86_400;

    private final RedisURI uri;
    private final int historySize;
    private final long historyTtlSeconds;
    private final SerialLane lane;
    private final BrokerCounters counters = new BrokerCounters();
    private final Connector connector;
    private final Subscriptions subscriptions;
    private final HistoryReads<DecodedHistories.Decoded> historyReads;
    private volatile BrokerState state = BrokerState.CONNECTING;
    private volatile BrokerListener listener;

    /**
     * @param uri               {@code redis://[:password@]host:port[/db]}, or {@code rediss://} for TLS
     * @param historySize       items kept per channel (exactly; 0 keeps none: items still cross instances)
     * @param historyTtlSeconds how long a channel's history outlives its last publish (at least 1)
     * @param timer             runs the broker's lane and retries; shared, never blocked by the broker
     */
    public RedisBroker(String uri, int historySize, long historyTtlSeconds, ScheduledExecutorService timer)
    {
        if (historySize < 0)
            throw new IllegalArgumentException("history size must be 0 or more: " + historySize);
        if (historyTtlSeconds < 1)
            throw new IllegalArgumentException("history TTL must be at least 1 s: " + historyTtlSeconds);
        this.uri = RedisURI.create(uri);
        this.historySize = historySize;
        this.historyTtlSeconds = historyTtlSeconds;
        this.lane = new SerialLane(timer);
        this.connector = new Connector(this.uri, timer, lane, this::changed);
        this.subscriptions = new Subscriptions(connector, lane, timer, () -> state == BrokerState.UP, counters);
        DecodedHistories decoded = new DecodedHistories();
        this.historyReads = new HistoryReads<>(timer, channel -> HistoryScript.read(connector.commands().async(), channel, 1)
            .toCompletableFuture().thenApply(history -> decoded.decode(channel, history)));
    }

    @Override
    public void start(BrokerListener listener)
    {
        this.listener = listener;
        subscriptions.listener(listener);
        LOG.info("Redis broker {}: connecting (history {} items, {} s)", describe(uri), historySize, historyTtlSeconds);
        connector.start(subscriptions);
        subscriptions.startTailChecks();
    }

    // on the lane
    private void changed(BrokerState next)
    {
        state = next;
        if (next == BrokerState.UP)
            LOG.info("Redis broker {} is up", describe(uri));
        else
            LOG.warn("Redis broker {} is {}: publishing refused until it is back", describe(uri), next);
        listener.stateChanged(next);
        if (next == BrokerState.UP)
            subscriptions.up();
    }

    @Override
    public CompletableFuture<BrokerItem> publish(PublishItem item)
    {
        return publishRun(List.of(item), Optional.empty()).thenApply(published -> published.orElseThrow().get(0));
    }

    @Override
    public CompletableFuture<List<BrokerItem>> publishAll(List<PublishItem> items)
    {
        // Consecutive items of one channel go as one script run; runs are sent in order on the one
        // connection, so Redis applies them in order too.
        List<CompletableFuture<Optional<List<BrokerItem>>>> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= items.size(); i++)
        {
            if (i == items.size() || !items.get(i).channel().equals(items.get(start).channel()))
            {
                runs.add(publishRun(items.subList(start, i), Optional.empty()));
                start = i;
            }
        }
        return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).thenApply(done ->
        {
            List<BrokerItem> published = new ArrayList<>(items.size());
            for (CompletableFuture<Optional<List<BrokerItem>>> run : runs)
                published.addAll(run.join().orElseThrow());
            return published;
        });
    }

    @Override
    public CompletableFuture<Optional<BrokerItem>> publishOnce(PublishItem item, String onceKey)
    {
        return publishRun(List.of(item), Optional.of(onceKey)).thenApply(published -> published.map(list -> list.get(0)));
    }

    /** Publishes {@code run}, items of one channel, in one script run; empty when {@code onceKey} was used already. */
    private CompletableFuture<Optional<List<BrokerItem>>> publishRun(List<PublishItem> run, Optional<String> onceKey)
    {
        PublishItem head = run.get(0);
        if (state != BrokerState.UP)
        {
            counters.refused(run.size());
            return CompletableFuture.failedFuture(new BrokerUnavailableException(
                "Redis broker " + describe(uri) + " is " + state + ": " + what(run) + " not published"));
        }
        List<PublishScript.Entry> entries = new ArrayList<>(run.size());
        for (PublishItem item : run)
            entries.add(new PublishScript.Entry(item.id().orElse(""), ItemJson.encode(item)));
        return PublishScript.run(connector.commands().async(), head.channel(), entries,
                historySize, historyTtlSeconds, historyTtlSeconds + META_EXTRA_SECONDS, RedisKeys.pub(head.channel()), onceKey)
            .handle((result, failure) ->
            {
                if (failure != null)
                {
                    counters.refused(run.size());
                    throw publishFailed(what(run), Scripts.unwrap(failure));
                }
                // Offset 0: another instance published this item already.
                if (result.offset() == 0)
                    return Optional.<List<BrokerItem>>empty();
                counters.published(run.size());
                if (result.offset() == 1)
                    counters.newEpoch();
                List<BrokerItem> published = new ArrayList<>(run.size());
                for (int i = 0; i < run.size(); i++)
                    published.add(new BrokerItem(run.get(i), result.offset() + i, result.epoch()));
                return Optional.of(published);
            })
            .toCompletableFuture();
    }

    private static String what(List<PublishItem> run)
    {
        return (run.size() == 1 ? "item" : run.size() + " items") + " for " + run.get(0).channel();
    }

    private BrokerUnavailableException publishFailed(String what, Throwable cause)
    {
        if (cause instanceof RedisCommandTimeoutException)
            return new BrokerUnavailableException(what + " not confirmed by Redis in " + Connector.COMMAND_TIMEOUT.toSeconds()
                + " s: it may have been published", true, cause);
        if (cause instanceof Connector.NotReplayed)
            return new BrokerUnavailableException(what + ": connection to Redis lost before the reply: it may have been published",
                true, cause);
        if (cause instanceof RedisCommandExecutionException)
            return new BrokerUnavailableException(what + " refused by Redis: " + cause.getMessage(), false, cause);
        // Lettuce refuses a command at once while it knows the connection is down (REJECT_COMMANDS)
        if (String.valueOf(cause.getMessage()).startsWith("Currently not connected"))
            return new BrokerUnavailableException(what + " not published: not connected to Redis", false, cause);
        return new BrokerUnavailableException(what + ": " + cause + ": it may have been published", true, cause);
    }

    @Override
    public void subscribe(String channel)
    {
        subscriptions.subscribe(channel);
    }

    /**
     * Whether {@code channel}'s live items pass at once: until its first history read is answered,
     * they wait, so items of channels subscribed at the same moment may pass in another order.
     */
    CompletableFuture<Boolean> live(String channel)
    {
        return subscriptions.live(channel);
    }

    @Override
    public void unsubscribe(String channel)
    {
        subscriptions.unsubscribe(channel);
    }

    @Override
    public CompletableFuture<Optional<List<BrokerItem>>> itemsAfter(String channel, String itemId)
    {
        if (historySize == 0)
            return CompletableFuture.completedFuture(Optional.empty());
        if (state != BrokerState.UP)
            return CompletableFuture.failedFuture(new BrokerUnavailableException(
                "Redis broker " + describe(uri) + " is " + state + ": no history of " + channel));
        return historyReads.of(channel)
            .handle((history, failure) ->
            {
                if (failure != null)
                    throw new BrokerUnavailableException("history of " + channel + " not read: " + Scripts.unwrap(failure), false,
                        Scripts.unwrap(failure));
                return history.after(itemId);
            })
            .toCompletableFuture();
    }

    @Override
    public BrokerState state()
    {
        return state;
    }

    @Override
    public String describe()
    {
        return describe(uri) + " " + state + ", " + counters;
    }

    /** Where: scheme, host, port and database, never the password. */
    static String describe(RedisURI uri)
    {
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    @Override
    public void close()
    {
        subscriptions.stopTailChecks();
        connector.close();
        LOG.info("Redis broker {} closed", describe(uri));
    }
}
