// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The benchmark driver (issue 6): starts the origin, then each proxy in turn pinned to its own
 * core, warms it up, runs every scenario (a warm-up run, then the measured runs), and prints the
 * table with Holdfast/Pushpin ratios (and Holdfast/baseline ones against another checkout's build,
 * --baseline). This JVM is the load generator and runs pinned to the other core (src/bench/run.sh
 * does the pinning). See docs/performance.md.
 */
public final class Bench
{
    static final List<String> ALL_SCENARIOS = List.of("burst", "tenk", "multi", "longpoll", "publish", "passthrough",
        "setup", "rss", "flood", "cold");
    /** Scenarios run only when asked for by name: they take minutes and measure no peer. */
    static final List<String> OWN_SCENARIOS = List.of("soak", "slowburst", "redis-fanout", "catchup");
    /** Scenarios only Holdfast runs (issue 17: history catch-up, fan-out over instances sharing a Redis). */
    static final Set<String> HOLDFAST_SCENARIOS = Set.of("redis-fanout", "catchup");
    /** Scenarios that start a proxy of their own for each run, rather than one warmed up for the scenario. */
    private static final Set<String> FRESH_SCENARIOS = Set.of("rss", "flood", "cold", "soak", "slowburst");
    /** The holdfast-tuned target's JVM flags (--holdfast-jvm replaces them); see docs/operations.md, "Tuning", for why each. */
    static final List<String> HOLDFAST_JVM = List.of("-XX:+UseSerialGC", "-Xms256m", "-Xmx1g", "-Xmn128m",
        "-XX:+ExitOnOutOfMemoryError");

    private final Path project;
    private final Path work;
    /** Another checkout, already built, measured as the "baseline" target; null without --baseline. */
    private final Path baseline;
    private final List<String> targets;
    private final Targets available;
    private final Set<String> scenarios;
    private final int runs;
    private final Sizes sizes;
    private final int proxyCore;
    private final int loadCore;
    private final boolean jfr;
    private final int portBase;
    private final int warmSeconds;
    private final PrintStream report;
    private final Machine machine;
    private final List<Proxy> running = new ArrayList<>();
    private Process originProcess;

    private Bench(Map<String, String> options) throws IOException
    {
        project = Path.of(options.getOrDefault("project", ".")).toAbsolutePath().normalize();
        work = Path.of(options.getOrDefault("work", "/tmp/bench-work")).toAbsolutePath();
        Files.createDirectories(work);
        baseline = options.containsKey("baseline")
            ? Path.of(options.get("baseline")).toAbsolutePath().normalize() : null;
        proxyCore = Integer.parseInt(options.getOrDefault("proxy-core", "0"));
        loadCore = Integer.parseInt(options.getOrDefault("load-core", "1"));
        jfr = options.containsKey("jfr");
        portBase = Integer.parseInt(options.getOrDefault("port-base", "26000"));
        List<String> tunedJvm = options.containsKey("holdfast-jvm")
            ? Arrays.asList(options.get("holdfast-jvm").trim().split("\\s+")) : HOLDFAST_JVM;
        available = new Targets(project, work, baseline, work.resolve("routes"), proxyCore, portBase, portBase + 80, tunedJvm,
            jfr);
        targets = options.containsKey("targets") ? Arrays.asList(options.get("targets").split(",")) : available.defaults();
        targets.forEach(t ->
        {
            if (!Targets.ALL.contains(t) && !t.equals("baseline"))
                throw new IllegalArgumentException("unknown target " + t + "; known: " + Targets.ALL + " and baseline");
        });
        if (targets.contains("baseline") && baseline == null)
            throw new IllegalArgumentException("the baseline target needs --baseline=DIR");
        if (baseline != null && !targets.contains("baseline"))
            throw new IllegalArgumentException("--baseline given but --targets leaves baseline out");
        if (baseline != null)
            HoldfastProxy.baseSource(baseline); // fails now, not after the other targets' runs, if DIR has no build
        available.prepare(targets);
        scenarios = new LinkedHashSet<>(Arrays.asList(options.getOrDefault("scenarios", String.join(",", ALL_SCENARIOS))
            .split(",")));
        scenarios.forEach(s ->
        {
            if (!ALL_SCENARIOS.contains(s) && !OWN_SCENARIOS.contains(s))
                throw new IllegalArgumentException("unknown scenario " + s + "; known: " + ALL_SCENARIOS + " and " + OWN_SCENARIOS);
        });
        runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        Sizes chosen = options.containsKey("quick") ? Sizes.quick() : Sizes.full();
        sizes = options.containsKey("window") ? chosen.withOpenWindow(Integer.parseInt(options.get("window"))) : chosen;
        warmSeconds = Integer.parseInt(options.getOrDefault("warm", options.containsKey("quick") ? "5" : "30"));
        Path results = work.resolve("results.txt");
        report = new PrintStream(Files.newOutputStream(results, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
            true, StandardCharsets.UTF_8);
        machine = new Machine(proxyCore, loadCore, this::say);
    }

    public static void main(String[] args) throws Exception
    {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args)
        {
            if (arg.equals("--help") || arg.equals("-h"))
            {
                usage();
                return;
            }
            if (!arg.startsWith("--"))
                throw new IllegalArgumentException("unexpected argument " + arg);
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "" : arg.substring(eq + 1));
        }
        Bench bench = new Bench(options);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll));
        try
        {
            bench.run();
        }
        finally
        {
            bench.stopAll();
        }
    }

    private static void usage()
    {
        System.out.println("""
            usage: src/bench/run.sh [--targets=holdfast,holdfast-tuned,jetty,nio,pushpin,nchan,nginx,jettyrun,tomcat,holdfast-redis,baseline]
                                    [--scenarios=burst,tenk,multi,longpoll,publish,passthrough,setup,rss,flood,cold,soak,slowburst,
                                                 redis-fanout,catchup]
                                    [--runs=3] [--warm=30] [--quick] [--jfr] [--work=/tmp/bench-work] [--port-base=26000]
                                    [--proxy-core=0] [--load-core=1] [--holdfast-jvm="-XX:+UseSerialGC ..."] [--baseline=DIR]
              --targets    what to measure, each pinned to the proxy core (default: every one that can run here; one
                           that cannot is skipped with the reason, as is one named here):
                             holdfast        target/jetty-base on jetty-home (java -jar start.jar) with the JVM flags
                                             jetty-base ships (start.d/30-jvm.ini) and nothing else
                             holdfast-tuned  the same with the benchmark's flags for one core (--holdfast-jvm)
                             jetty           bare Jetty: the container with no Holdfast webapp code, in 10k fan-out,
                                             publish and pass-through only, as their ceiling (holdfast-tuned's flags)
                             nio             the Java NIO floor: one JDK-only thread, no container, no GRIP (the
                                             flags jetty-base ships), in the stream and publish scenarios only
                             pushpin         Pushpin (the Debian package), when installed
                             nchan           nginx with the nchan module, one worker (apt-get install -y nginx
                                             libnginx-mod-nchan): raw POST per message, http-raw-stream subscribers;
                                             no long-poll or pass-through
                             nginx           plain nginx, one worker, proxy_pass with upstream keepalive: pass-through only
                             jettyrun        mvn jetty:run (the server in Maven's JVM, .mvn/jvm.config) in a copy of
                                             this checkout
                             tomcat          the WAR on Tomcat 11 (target/containers, unpacked from Maven Central if
                                             missing), src/test/resources/tomcat/server.xml, the flags jetty-base ships
                             holdfast-redis  only when named: a redis-server the target starts on a free port and
                                             two instances as holdfast's sharing it (holdfast.redis.uri), all
                                             three on the proxy core; publishes go to instance A, and the
                                             redis-fanout scenario holds half its streams on instance B. Next to
                                             holdfast, the table adds a Redis/Holdfast column with issue 17's targets
                             baseline        with --baseline only (then also by default)
              --baseline   DIR is another checkout of Holdfast (e.g. a git worktree at an older commit) already built
                           with mvn -Pbench -Dmaven.test.skip=true package: the baseline target runs its build
                           (DIR/target/jetty-base, or DIR/jetty-base with DIR/target/holdfast.war for builds before
                           target/jetty-base) exactly as holdfast's (this checkout's jetty-home, flags and core), and
                           the table adds a Holdfast/baseline column. DIR is absolute or relative to this checkout
              --scenarios  which scenarios (default: all but soak, slowburst, redis-fanout and catchup); cold starts a
                           fresh proxy per run with no warm-up: 10,000 streams connecting at once on one channel, then
                           on 1,000 channels. Holdfast's targets only (issue 17):
                             redis-fanout  1,000 streams on one channel (500 on each instance of holdfast-redis, all
                                           on the one instance otherwise), 20 one-item publishes at 5/s: latency
                                           p50/p99, apart for the streams on the instance published to and the other
                             catchup       100 items (ids 1..100) published, then 1,000 streams whose origin answers
                                           prev-id=1 (GET /stream-from): items/s replayed, time until all have all 99
              --runs       measured runs per scenario; the table shows medians (errors are summed)
              --warm       seconds of warm-up runs per scenario at least (and until the proxy idles and its figures settle), at most twice that
              --quick      small sizes, for a smoke test (not the issue's sizes)
              --jfr        record a JFR profile of Holdfast's (and the baseline's) measured runs, one file per scenario, in the work directory
                           (JFR's profile settings; BENCH_JAVA_OPTS=-Dbench.jfc=FILE for others, e.g. a finer sampling period)
              --work       where logs, proxy state, JFR files and results.txt go
              --port-base  ports used: base+80 origin, base+100.. holdfast, base+110.. holdfast-tuned, base+150.. bare
                           Jetty, base+120..129 holdfast-redis (and Redis on a free port), base+200.. Pushpin, base+250.. baseline, base+270.. nchan, base+280.. nginx,
                           base+290.. jetty:run, base+300..304 Tomcat""");
    }

    private void run() throws Exception
    {
        long started = System.nanoTime();
        say("== Holdfast benchmark " + LocalDateTime.now().withNano(0) + " ==");
        say("machine: " + Machine.describe());
        say("load generator: this JVM (" + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
            + "), pinned to core " + loadCore + " with the origin; proxies pinned to core " + proxyCore);
        say("sizes: " + sizes + ", runs: " + runs + (Scenarios.haveWrk() ? ", pass-through with wrk" : ", pass-through with built-in clients (no wrk)"));
        if (baseline != null)
            say("baseline: " + baseline + " at " + Machine.commit(baseline));
        Path routes = work.resolve("routes");
        InetSocketAddress origin = new InetSocketAddress("127.0.0.1", portBase + 80);
        Files.writeString(routes, "* 127.0.0.1:" + origin.getPort() + "\n");
        startOrigin(origin.getPort());
        Loop loop = new Loop();
        Map<String, Map<String, Double>> columns = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String target : targets)
        {
            String why = available.unavailable(target);
            if (why != null)
            {
                say("");
                say("== " + target + ": skipped: " + why);
                continue;
            }
            Supplier<Proxy> factory = available.factory(target);
            Proxy sample = factory.get();
            if (scenarios.stream().noneMatch(sample::runs))
            {
                say("");
                say("== " + sample.name + ": skipped: it runs none of the scenarios asked for");
                continue;
            }
            say("");
            say("== " + sample.name + ": " + sample.describe());
            try
            {
                columns.put(sample.name, measure(factory, sample, loop, origin));
            }
            catch (Exception | AssertionError e)
            {
                // One target that breaks (a container that does not start) costs its column, not the run.
                say("== " + sample.name + " failed, left out of the table: " + e);
                new ArrayList<>(running).forEach(this::stop);
                continue;
            }
            names.add(sample.name);
            if (sample.note() != null)
                notes.add(sample.note());
        }
        loop.stop();
        String table = Table.render(names, columns);
        say("");
        say("== Results (median of " + runs + " runs; errors summed over the runs) ==");
        say(table);
        notes.forEach(this::say);
        say("full run took " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s; log and results in " + work);
    }

    private Map<String, Double> measure(Supplier<Proxy> factory, Proxy sample, Loop loop, InetSocketAddress origin)
        throws Exception
    {
        Map<String, List<Map<String, Double>>> samples = new LinkedHashMap<>();
        List<String> shared = scenarios.stream().filter(s -> !FRESH_SCENARIOS.contains(s)).filter(sample::runs).toList();
        for (String scenario : shared)
        {
            // A fresh proxy per scenario: nothing one scenario leaves behind (a grown heap, a pool of
            // origin connections, a backlog) weighs on the next.
            Proxy proxy = start(factory);
            Scenarios sc = new Scenarios(loop, proxy, origin, loadCore, this::say);
            ScaleOut so = new ScaleOut(loop, proxy, this::say);
            sc.lightWarmUp();
            List<Supplier<Map<String, Double>>> parts = switch (scenario)
            {
                case "burst" -> List.of(() -> sc.burst(sizes));
                case "tenk" -> List.of(() -> sc.tenK(sizes));
                case "multi" -> List.of(() -> sc.multi(sizes));
                case "longpoll" -> List.of(() -> sc.longPoll(sizes));
                case "publish" -> List.of(() -> sc.publish(sizes, 1), () -> sc.publish(sizes, 20));
                case "passthrough" -> List.of(() -> sc.passThrough(sizes, true), () -> sc.passThrough(sizes, false));
                case "setup" -> List.of(() -> sc.setup(sizes));
                case "redis-fanout" -> List.of(() -> so.fanOut(sizes));
                case "catchup" -> List.of(() -> so.catchUp(sizes));
                default -> throw new IllegalStateException(scenario);
            };
            // Warm-up runs at full size, not counted: at least warmSeconds of them, and on until the
            // proxy is idle between runs (a JVM on one core compiles for about half a minute) and
            // the scenario's first figure has settled (within 5 % of the previous warm-up run's):
            // a proxy busy all run long, as in pass-through, idles between runs while its JIT is
            // still compiling the deeper paths.
            long warmStart = System.nanoTime();
            int warmRuns = 0;
            double previous = Double.NaN;
            while (true)
            {
                double first = Double.NaN;
                for (Supplier<Map<String, Double>> part : parts)
                {
                    Map<String, Double> figures = part.get();
                    if (Double.isNaN(first) && !figures.isEmpty())
                        first = figures.values().iterator().next();
                }
                warmRuns++;
                long elapsed = (System.nanoTime() - warmStart) / 1_000_000_000L;
                if (elapsed >= 2L * warmSeconds)
                    break;
                boolean settled = Math.abs(first - previous) <= 0.05 * Math.abs(previous);
                previous = first;
                if (elapsed >= warmSeconds && settled && Machine.idleCpu(proxy) < 3)
                    break;
            }
            say(String.format(Locale.ROOT, "%-12s warm-up: %d run(s), %d s", scenario, warmRuns,
                (System.nanoTime() - warmStart) / 1_000_000_000L));
            if (proxy instanceof HoldfastProxy h)
                h.startRecording(scenario);
            for (int r = 1; r <= runs; r++)
            {
                machine.awaitQuiet();
                Map<String, Double> metrics = new LinkedHashMap<>();
                StringBuilder cpu = new StringBuilder();
                for (Supplier<Map<String, Double>> part : parts)
                {
                    long ticks = proxy.cpuTicks();
                    CoreLoad cores = CoreLoad.now(Math.max(proxyCore, loadCore) + 1);
                    long t0 = System.nanoTime();
                    metrics.putAll(part.get());
                    CoreLoad after = CoreLoad.now(Math.max(proxyCore, loadCore) + 1);
                    double used = 100.0 * (proxy.cpuTicks() - ticks) / ((System.nanoTime() - t0) / 1e7);
                    cpu.append(String.format(Locale.ROOT, "%sproxy %.0f%%, core %d %.0f%%, core %d %.0f%%",
                        cpu.length() == 0 ? "" : "; ", used, proxyCore, after.busySince(cores, proxyCore), loadCore,
                        after.busySince(cores, loadCore)));
                }
                say(String.format(Locale.ROOT, "%-12s run %d/%d: %s  [%s; rss %,d kB, open files %d]", scenario, r, runs,
                    format(metrics), cpu, proxy.rssKb(), proxy.openFiles()));
                samples.computeIfAbsent(scenario, k -> new ArrayList<>()).add(metrics);
            }
            if (proxy instanceof HoldfastProxy h && jfr)
                say("JFR of the measured runs: " + h.stopRecording(scenario)
                    + " (java -cp target/bench-classes io.holdfast.bench.JfrTop FILE)");
            stop(proxy);
        }
        if (sample.runs("rss") && scenarios.contains("rss"))
        {
            for (int[] spec : new int[][]{{sizes.rssSmall(), 1}, {sizes.rssLarge(), 19}})
            {
                String key = spec[1] == 1 ? "rss1k" : "rss19k";
                for (int r = 1; r <= runs; r++)
                {
                    // A fresh process per run: what the streams cost, not what earlier scenarios left behind.
                    Proxy proxy = start(factory);
                    Scenarios sc = new Scenarios(loop, proxy, origin, loadCore, this::say);
                    sc.lightWarmUp();
                    // The baseline is taken once the JIT has gone quiet, so compiled code is not counted per stream.
                    for (int i = 0; i < 20 && Machine.idleCpu(proxy) >= 3; i++)
                    {
                        // still compiling
                    }
                    machine.awaitQuiet();
                    Map<String, Double> metrics = sc.rss(sizes, spec[0], key);
                    say(String.format(Locale.ROOT, "%-12s run %d/%d: %s", key + "(" + spec[0] + ")", r, runs, format(metrics)));
                    samples.computeIfAbsent(key, k -> new ArrayList<>()).add(metrics);
                    stop(proxy);
                }
            }
        }
        if (sample.runs("flood") && scenarios.contains("flood"))
            samples.put("flood", List.of(onFreshProxy(factory, loop, origin, "flood(" + sizes.flood() + ")",
                sc -> sc.flood(sizes, sizes.flood(), 180))));
        if (sample.runs("soak") && scenarios.contains("soak"))
            samples.put("soak", List.of(onFreshProxy(factory, loop, origin, "soak", sc -> sc.soak(sizes))));
        if (sample.runs("slowburst") && scenarios.contains("slowburst"))
            samples.put("slowburst", List.of(onFreshProxy(factory, loop, origin, "slowburst", sc -> sc.slowBurst(sizes))));
        if (sample.runs("cold") && scenarios.contains("cold"))
            cold(factory, loop, samples);
        Map<String, Double> aggregated = new LinkedHashMap<>();
        for (List<Map<String, Double>> runsOf : samples.values())
        {
            Set<String> keys = new LinkedHashSet<>();
            runsOf.forEach(m -> keys.addAll(m.keySet()));
            for (String key : keys)
            {
                double[] values = runsOf.stream().filter(m -> m.containsKey(key)).mapToDouble(m -> m.get(key)).toArray();
                aggregated.put(key, key.endsWith(".errors") || key.endsWith(".missing") || key.endsWith(".duplicates")
                    || key.endsWith(".reordered")
                    ? Arrays.stream(values).sum() : median(values));
            }
        }
        return aggregated;
    }

    /**
     * One run on a fresh, lightly warmed proxy (the holdfast target's has the JVM flags jetty-base
     * ships: memory given back is measured as users run it). One run: it takes minutes, and whether
     * memory comes back does not vary much.
     */
    private Map<String, Double> onFreshProxy(Supplier<Proxy> factory, Loop loop, InetSocketAddress origin, String label,
                                             Function<Scenarios, Map<String, Double>> scenario) throws Exception
    {
        Proxy proxy = start(factory);
        Scenarios sc = new Scenarios(loop, proxy, origin, loadCore, this::say);
        sc.lightWarmUp();
        for (int i = 0; i < 20 && Machine.idleCpu(proxy) >= 3; i++)
        {
            // still compiling
        }
        machine.awaitQuiet();
        Map<String, Double> metrics = scenario.apply(sc);
        say(String.format(Locale.ROOT, "%-12s run 1/1: %s", label, format(metrics)));
        stop(proxy);
        return metrics;
    }

    /**
     * The cold scenario, {@code runs} times: each time a proxy started for it alone, with no
     * warm-up, gets the 10,000 streams of one channel, and another the 10,000 on 1,000 channels
     * ({@link ColdStart}); the start-up time (launch to ready) is kept too.
     */
    private void cold(Supplier<Proxy> factory, Loop loop, Map<String, List<Map<String, Double>>> samples) throws Exception
    {
        for (int r = 1; r <= runs; r++)
        {
            for (String key : List.of("cold.tenk", "cold.multi"))
            {
                // Before the start, not after: a proxy that has just started is busy compiling, which is the point.
                machine.awaitQuiet();
                long t0 = System.nanoTime();
                Proxy proxy = start(factory);
                double startup = proxy.secondsSinceLaunch(t0);
                ColdStart cold = new ColdStart(loop, proxy, this::say);
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put(key + ".start", startup);
                long ticks = proxy.cpuTicks();
                long t1 = System.nanoTime();
                metrics.putAll(key.equals("cold.tenk") ? cold.oneChannel(sizes) : cold.manyChannels(sizes));
                double used = 100.0 * (proxy.cpuTicks() - ticks) / ((System.nanoTime() - t1) / 1e7);
                say(String.format(Locale.ROOT, "%-12s run %d/%d: %s  [proxy %.0f%%; rss %,d kB]", key, r, runs,
                    format(metrics), used, proxy.rssKb()));
                samples.computeIfAbsent(key, k -> new ArrayList<>()).add(metrics);
                stop(proxy);
            }
        }
    }

    static double median(double[] values)
    {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String format(Map<String, Double> metrics)
    {
        StringBuilder out = new StringBuilder();
        metrics.forEach((k, v) -> out.append(out.length() == 0 ? "" : ", ").append(k).append('=')
            .append(v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", v.longValue())
                : String.format(Locale.ROOT, "%.2f", v)));
        return out.toString();
    }

    private Proxy start(Supplier<Proxy> factory) throws Exception
    {
        Proxy proxy = factory.get();
        running.add(proxy);
        long t0 = System.nanoTime();
        proxy.start();
        say(String.format(Locale.ROOT, "%s started in %.1f s (pids %s)", proxy.name, proxy.secondsSinceLaunch(t0),
            proxy.pids()));
        return proxy;
    }

    private void stop(Proxy proxy)
    {
        proxy.stop();
        running.remove(proxy);
    }

    private void startOrigin(int port) throws Exception
    {
        Path log = work.resolve("origin.log");
        originProcess = new ProcessBuilder("taskset", "-c", Integer.toString(loadCore), HoldfastProxy.javaBin(),
            "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"), Origin.class.getName(),
            Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline)
        {
            if (!originProcess.isAlive())
                throw new IllegalStateException("origin exited; see " + log);
            try
            {
                if (Proxy.get(new InetSocketAddress("127.0.0.1", port), "/hello") == 200)
                    return;
            }
            catch (IOException ignored)
            {
                // not yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("origin not ready; see " + log);
    }

    private synchronized void stopAll()
    {
        for (Proxy proxy : new ArrayList<>(running))
            stop(proxy);
        if (originProcess != null)
        {
            originProcess.destroy();
            try
            {
                originProcess.waitFor(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
            originProcess = null;
        }
    }

    private synchronized void say(String line)
    {
        System.out.println(line);
        report.println(line);
    }
}
