// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scenarios of issue 6, each one run against whichever proxy is up, each returning its
 * metrics for one run. Latency is measured from the start of the publish request (a
 * {@link System#nanoTime()} stamped into the published content) to the read that delivered it to
 * the subscriber, in the same JVM.
 */
final class Scenarios
{
    private final Loop loop;
    private final Proxy proxy;
    private final InetSocketAddress origin;
    private final int loadCore;
    private final Log log;
    private final Subscribers subscribers;
    private int sequence;
    /** The long-poll publisher's quiet time, carried from one run to the next on the same proxy. */
    private double quietMillis = 10;

    interface Log
    {
        void line(String text);
    }

    Scenarios(Loop loop, Proxy proxy, InetSocketAddress origin, int loadCore, Log log)
    {
        this.loop = loop;
        this.proxy = proxy;
        this.origin = origin;
        this.loadCore = loadCore;
        this.log = log;
        this.subscribers = new Subscribers(loop, proxy, log);
    }

    private String channel(String prefix)
    {
        return prefix + "-" + (++sequence);
    }

    // ---------------------------------------------------------------- streams: open and clean up

    /** Streams for a fan-out scenario: a refused set-up is retried, so every subscriber is in place. */
    private StreamGroup openStreams(int count, int window, IntFunction<String> channelOf, long timeoutMillis)
    {
        return subscribers.open(count, window, count, channelOf, timeoutMillis);
    }

    private static double perSecond(long count, long nanos)
    {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }

    private void latencies(Map<String, Double> out, String prefix, StreamGroup group)
    {
        Subscribers.latencies(out, prefix, loop.call(group.latencies::sorted));
    }

    private void errors(Map<String, Double> out, String prefix, StreamGroup group, int requested, long publishFailures,
                        long expectedPerStream)
    {
        subscribers.errors(out, prefix, group, requested, publishFailures, expectedPerStream);
    }

    private void closeStreams(StreamGroup group, List<String> channels)
    {
        subscribers.close(group, channels);
    }

    // ---------------------------------------------------------------- the scenarios

    /** Burst fan-out: N subscribers on one channel, M messages published back to back. */
    Map<String, Double> burst(Sizes s)
    {
        String ch = channel("burst");
        StreamGroup group = openStreams(s.burstSubs(), s.openWindow(), i -> ch, 60_000);
        Waits.sleep(500);
        long expected = (long)loop.call(() -> group.established) * s.burstMessages();
        PublishBody body = proxy.streamPublish(ch, 1);
        Publishing pub = Publishing.start(loop, proxy.control, s.burstPublishers(), s.burstMessages(), 0, 0, i -> body);
        group.awaitDeliveries(expected, 60_000);
        pub.await(30_000);
        Map<String, Double> out = new LinkedHashMap<>();
        long delivered = group.deliveredNow();
        long start = loop.call(() -> pub.startNanos);
        long last = loop.call(() -> group.lastDeliveryNanos);
        out.put("burst.rate", perSecond(delivered, last - start));
        latencies(out, "burst", group);
        errors(out, "burst", group, s.burstSubs(), loop.call(() -> pub.failed), s.burstMessages());
        closeStreams(group, List.of(ch));
        return out;
    }

    /** N subscribers on one channel, K messages one second apart. */
    Map<String, Double> tenK(Sizes s)
    {
        String ch = channel("tenk");
        StreamGroup group = openStreams(s.tenkSubs(), s.openWindow(), i -> ch, 180_000);
        Waits.sleep(1000);
        int subs = loop.call(() -> group.established);
        PublishBody body = proxy.streamPublish(ch, 1);
        long t0 = System.nanoTime();
        long publishErrors = 0;
        for (int k = 0; k < s.tenkMessages(); k++)
        {
            Waits.sleepUntil(t0 + k * 1_000_000_000L);
            publishErrors += Publishing.once(loop, proxy.control, body, 30_000).failed;
        }
        long expected = (long)subs * s.tenkMessages();
        group.awaitDeliveries(expected, 30_000);
        Map<String, Double> out = new LinkedHashMap<>();
        latencies(out, "tenk", group);
        errors(out, "tenk", group, s.tenkSubs(), publishErrors, s.tenkMessages());
        closeStreams(group, List.of(ch));
        return out;
    }

    /** N subscribers spread over C channels; R rounds (a second apart) each publishing once to every channel. */
    Map<String, Double> multi(Sizes s)
    {
        String prefix = channel("mc");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < s.multiChannels(); i++)
            names.add(prefix + "-" + i);
        StreamGroup group = openStreams(s.multiSubs(), s.openWindow(), i -> names.get(i % names.size()), 180_000);
        Waits.sleep(1000);
        int subs = loop.call(() -> group.established);
        PublishBody[] bodies = names.stream().map(n -> proxy.streamPublish(n, 1)).toArray(PublishBody[]::new);
        long t0 = System.nanoTime();
        long publishErrors = 0;
        long publishNanos = 0;
        for (int r = 0; r < s.multiRounds(); r++)
        {
            Waits.sleepUntil(t0 + r * 1_000_000_000L);
            Publishing round = Publishing.start(loop, proxy.control, s.multiPublishers(), bodies.length, 0, 0,
                i -> bodies[(int)i]);
            round.await(60_000);
            publishErrors += loop.call(() -> round.failed);
            publishNanos += loop.call(() -> round.endNanos - round.startNanos);
        }
        long expected = (long)subs * s.multiRounds();
        group.awaitDeliveries(expected, 30_000);
        Map<String, Double> out = new LinkedHashMap<>();
        latencies(out, "multi", group);
        out.put("multi.publishes", perSecond((long)bodies.length * s.multiRounds(), publishNanos));
        errors(out, "multi", group, s.multiSubs(), publishErrors, s.multiRounds());
        closeStreams(group, names);
        return out;
    }

    /**
     * Long-poll cycles: N clients poll one channel and re-poll as soon as answered. A publish goes
     * out once all N are waiting, the origin has answered every poll sent and then seen none for a
     * quiet time that adapts to the proxy, so each publish answers most of them and the cycle
     * itself (client to proxy, proxy to origin, hold, publish, answer) is what is measured; see
     * {@link WavePublisher}.
     */
    Map<String, Double> longPoll(Sizes s)
    {
        String ch = channel("lp");
        Poller poller = new Poller(loop, proxy.http, ch);
        OriginCounter counter = new OriginCounter(loop, origin, ch);
        counter.start();
        poller.start(s.pollClients());
        PublishBody body = proxy.responsePublish(ch);
        WavePublisher waves = new WavePublisher(loop, proxy.control, body, poller, counter, s.pollClients(), quietMillis, 3000);
        waves.start();
        Waits.sleep(2000);
        long c0 = poller.cyclesNow();
        long e0 = poller.errorsNow();
        long w0 = loop.call(() -> waves.ok);
        long f0 = loop.call(() -> waves.forced);
        long t0 = System.nanoTime();
        Waits.sleep(s.pollSeconds() * 1000L);
        long c1 = poller.cyclesNow();
        long e1 = poller.errorsNow();
        long w1 = loop.call(() -> waves.ok);
        long f1 = loop.call(() -> waves.forced);
        long t1 = System.nanoTime();
        poller.stopPolling();
        Waits.sleep(300);
        waves.stop();
        Publishing.once(loop, proxy.control, body, 10_000);
        Waits.sleep(300);
        poller.closeAll();
        counter.stop();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("lp.cycles", perSecond(c1 - c0, t1 - t0));
        out.put("lp.errors", (double)(e1 - e0));
        out.put("lp.waves", perSecond(w1 - w0, t1 - t0));
        out.put("lp.forced", (double)(f1 - f0));
        quietMillis = waves.quietMillis();
        out.put("lp.quiet", quietMillis);
        long publishFailures = loop.call(() -> waves.failed);
        if (e1 > 0 || publishFailures > 0)
            log.line("  long-poll: client errors " + poller.errorSummary() + ", failed publishes " + publishFailures);
        return out;
    }

    /** Publish API throughput: {@code items} per POST, closed loop on several keep-alive connections. */
    Map<String, Double> publish(Sizes s, int items)
    {
        PublishBody body = proxy.streamPublish(channel("nobody"), items);
        Publishing pub = Publishing.start(loop, proxy.control, s.publishConnections(), Long.MAX_VALUE, 0, 0, i -> body);
        Waits.sleep(1000);
        long i0 = pub.itemsNow();
        long r0 = pub.okNow();
        long t0 = System.nanoTime();
        Waits.sleep(s.publishSeconds() * 1000L);
        long i1 = pub.itemsNow();
        long r1 = pub.okNow();
        long t1 = System.nanoTime();
        pub.stop();
        pub.await(10_000);
        Map<String, Double> out = new LinkedHashMap<>();
        String key = "pub" + items;
        out.put(key + ".items", perSecond(i1 - i0, t1 - t0));
        out.put(key + ".posts", perSecond(r1 - r0, t1 - t0));
        long failed = loop.call(() -> pub.failed);
        out.put(key + ".errors", (double)failed);
        long requests = loop.call(() -> pub.ok + pub.failed);
        out.put(key + ".reuse", requests / (double)Math.max(1, pub.connections()));
        if (failed > 0)
            log.line("  publish: errors " + pub.errorSummary());
        return out;
    }

    /** Plain requests through the proxy, or straight to the origin, with wrk (or our own keep-alive clients). */
    Map<String, Double> passThrough(Sizes s, boolean viaProxy)
    {
        Map<String, Double> out = new LinkedHashMap<>();
        Load load = load(viaProxy ? proxy.http : origin, s);
        out.put(viaProxy ? "pass.proxy" : "pass.origin", load.rate);
        out.put(viaProxy ? "pass.errors" : "pass.originErrors", (double)load.errors);
        return out;
    }

    private record Load(double rate, long errors)
    {
    }

    private static final Pattern REQS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    static boolean haveWrk()
    {
        return java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/wrk"));
    }

    private Load load(InetSocketAddress target, Sizes s)
    {
        if (haveWrk())
        {
            String url = "http://127.0.0.1:" + target.getPort() + "/hello";
            try
            {
                Process p = new ProcessBuilder("taskset", "-c", Integer.toString(loadCore), "wrk", "-t1",
                    "-c" + s.passConnections(), "-d" + s.passSeconds() + "s", "--timeout", "5s", url)
                    .redirectErrorStream(true).start();
                String text = new String(p.getInputStream().readAllBytes());
                p.waitFor();
                Matcher m = REQS.matcher(text);
                if (!m.find())
                    throw new IllegalStateException("wrk said: " + text);
                long errors = 0;
                Matcher n = NON2XX.matcher(text);
                if (n.find())
                    errors += Long.parseLong(n.group(1));
                Matcher e = SOCKET.matcher(text);
                if (e.find())
                {
                    for (int g = 1; g <= 4; g++)
                        errors += Long.parseLong(e.group(g));
                }
                return new Load(Double.parseDouble(m.group(1)), errors);
            }
            catch (IOException e)
            {
                throw new IllegalStateException(e);
            }
            catch (InterruptedException e)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        // Without wrk: keep-alive clients re-requesting as soon as answered (the long-poll client, on /hello).
        Poller clients = new Poller(loop, target, "none", "/hello");
        clients.start(s.passConnections());
        Waits.sleep(500);
        long c0 = clients.cyclesNow();
        long t0 = System.nanoTime();
        Waits.sleep(s.passSeconds() * 1000L);
        long c1 = clients.cyclesNow();
        long t1 = System.nanoTime();
        long errors = clients.errorsNow();
        clients.closeAll();
        return new Load(perSecond(c1 - c0, t1 - t0), errors);
    }

    /** Hold set-up rate: N streams opened with a bounded number of set-ups in flight. */
    Map<String, Double> setup(Sizes s)
    {
        String ch = channel("setup");
        StreamGroup group = subscribers.open(s.setupStreams(), s.openWindow(), 0, i -> ch, 120_000);
        Map<String, Double> out = new LinkedHashMap<>();
        int established = loop.call(() -> group.established);
        long first = loop.call(() -> group.firstOpenNanos);
        long last = loop.call(() -> group.lastEstablishedNanos);
        out.put("setup.rate", perSecond(established, last - first));
        errors(out, "setup", group, s.setupStreams(), 0, 0);
        closeStreams(group, List.of(ch));
        return out;
    }

    /**
     * Memory per held stream: the proxy's VmRSS (all its processes) before and after opening N
     * streams, in a freshly started and lightly warmed proxy; then one publish must reach all N.
     */
    Map<String, Double> rss(Sizes s, int count, String key)
    {
        String ch = channel("rss");
        long before = proxy.rssKb();
        long filesBefore = proxy.openFiles();
        StreamGroup group = subscribers.open(count, s.openWindow(), 0, i -> ch, 300_000);
        Waits.sleep(2000);
        long after = proxy.rssKb();
        long files = proxy.openFiles();
        long pause = Long.getLong("bench.pauseHeldSeconds", 0);
        if (pause > 0)
        {
            // A debugging aid (-Dbench.pauseHeldSeconds=N in BENCH_JAVA_OPTS): inspect the proxy while N streams are held.
            log.line("  holding " + count + " streams for " + pause + " s; proxy pids " + proxy.pids());
            Waits.sleep(pause * 1000);
        }
        int established = loop.call(() -> group.established);
        long publishFailures = Publishing.once(loop, proxy.control, proxy.streamPublish(ch, 1), 60_000).failed;
        group.awaitDeliveries(established, 60_000);
        long delivered = group.deliveredNow();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(key + ".per", (after - before) / (double)Math.max(1, established));
        out.put(key + ".total", after / 1024.0);
        out.put(key + ".held", (double)established);
        errors(out, key, group, count, publishFailures, 1);
        log.line("  rss " + count + ": " + before + " kB -> " + after + " kB, open files " + filesBefore + " -> " + files
            + ", established " + established + ", delivered " + delivered);
        closeStreams(group, List.of(ch));
        return out;
    }

    /**
     * Issue 5's connection flood: {@code count} streams opened together and closed again, then up
     * to {@code settleSeconds} for the proxy to give memory back. Reports its VmRSS (MB) before,
     * at the peak and after, and how long it took to come back within 10 % of the baseline.
     */
    Map<String, Double> flood(Sizes s, int count, int settleSeconds)
    {
        String ch = channel("flood");
        long before = proxy.rssKb();
        StreamGroup group = subscribers.open(count, s.openWindow(), 0, i -> ch, 300_000);
        int established = loop.call(() -> group.established);
        long peak = proxy.rssKb();
        Map<String, Double> out = new LinkedHashMap<>();
        errors(out, "flood", group, count, 0, 0);
        closeStreams(group, List.of(ch));
        long closed = System.nanoTime();
        long after = proxy.rssKb();
        while (after > before * 1.1 && System.nanoTime() - closed < settleSeconds * 1_000_000_000L)
        {
            Waits.sleep(1000);
            after = proxy.rssKb();
        }
        out.put("flood.before", before / 1024.0);
        out.put("flood.peak", peak / 1024.0);
        out.put("flood.after", after / 1024.0);
        out.put("flood.seconds", (System.nanoTime() - closed) / 1e9);
        out.put("flood.held", (double)established);
        log.line("  flood " + count + ": rss " + before + " kB -> " + peak + " kB held -> " + after + " kB "
            + String.format(Locale.ROOT, "%.0f", out.get("flood.seconds")) + " s after closing");
        return out;
    }

    /**
     * Issue 14's soak: {@code soakRounds} times, {@code soakStreams} streams opened on 500 channels,
     * nothing published, and all dropped at once with RST. After each round, once the proxy's
     * descriptors are back at the baseline (at most 30 s) and its RSS has stopped moving, logs
     * both against the baseline taken before the first round; a leak shows as a column that climbs.
     */
    Map<String, Double> soak(Sizes s)
    {
        String prefix = channel("soak");
        long filesBefore = proxy.openFiles();
        long rssBefore = proxy.rssKb();
        log.line(String.format(Locale.ROOT, "  soak: %d rounds of %d streams dropped with RST; before: %d descriptors, %.0f MB",
            s.soakRounds(), s.soakStreams(), filesBefore, rssBefore / 1024.0));
        log.line("  round   held   descriptors   RSS (MB)   seconds to settle");
        Map<String, Double> out = new LinkedHashMap<>();
        double rssMax = 0;
        for (int round = 1; round <= s.soakRounds(); round++)
        {
            StreamGroup group = subscribers.open(s.soakStreams(), s.openWindow(), 0, i -> prefix + "-" + i % 500, 120_000);
            int held = loop.call(() -> group.established);
            group.closeAll();
            long closed = System.nanoTime();
            Waits.until(30_000, () -> proxy.openFiles() <= filesBefore);
            long rss = settledRss();
            long files = proxy.openFiles();
            rssMax = Math.max(rssMax, rss / 1024.0);
            log.line(String.format(Locale.ROOT, "  %5d  %5d  %12d  %9.0f  %18.1f", round, held, files, rss / 1024.0,
                (System.nanoTime() - closed) / 1e9));
            out.put("soak.files", (double)files);
            out.put("soak.rss", rss / 1024.0);
            out.put("soak.errors", out.getOrDefault("soak.errors", 0.0) + s.soakStreams() - held);
        }
        out.put("soak.files.before", (double)filesBefore);
        out.put("soak.rss.before", rssBefore / 1024.0);
        out.put("soak.rss.max", rssMax);
        return out;
    }

    /** See {@link SlowBurst}: 6 bursts (3 with a slow subscriber), each of {@code slowBurstMessages} publishes of 10 kB. */
    Map<String, Double> slowBurst(Sizes s)
    {
        try
        {
            return new SlowBurst(loop, proxy, log::line).run(6, s.slowBurstMessages());
        }
        catch (IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The proxy's RSS once three readings a second apart agree within 1 MB, after at least 12 s:
     * Holdfast trims its heap after a flood at most every 10 s, so a round that ends sooner after
     * the previous one gets its trim a little later.
     */
    private long settledRss()
    {
        long started = System.nanoTime();
        long[] last = {-10_000, -20_000, proxy.rssKb()};
        while (System.nanoTime() - started < 40_000_000_000L)
        {
            Waits.sleep(1000);
            last = new long[] {last[1], last[2], proxy.rssKb()};
            long spread = Math.max(last[0], Math.max(last[1], last[2])) - Math.min(last[0], Math.min(last[1], last[2]));
            if (spread < 1024 && System.nanoTime() - started >= 12_000_000_000L)
                break;
        }
        return last[2];
    }

    /**
     * A little of everything on a freshly started proxy: class loading and the first JIT passes,
     * without leaving held state behind.
     */
    void lightWarmUp()
    {
        Sizes w = new Sizes(100, 10, 2, 100, 1, 100, 10, 1, 2, 50, 1, 1, 4, 1, 16, 200, 0, 0, 100, 0, 0, 0, 0);
        if (proxy.runs("burst"))
            burst(w);
        if (proxy.runs("longpoll"))
            longPoll(w);
        if (proxy.runs("publish"))
            publish(w, 1);
        Poller plain = new Poller(loop, proxy.http, "none", "/hello");
        plain.start(8);
        Waits.sleep(1000);
        plain.closeAll();
        if (proxy.runs("setup"))
            setup(w);
    }
}
