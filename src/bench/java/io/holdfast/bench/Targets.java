// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The targets the benchmark measures, by name: whether each can run on this machine, and how to
 * start a fresh instance of it, pinned to the proxy core, on ports of its own from the port base
 * (so a target left running by accident never answers for another).
 */
final class Targets
{
    /** Every target but the baseline, in the table's order: Holdfast first, then what it is compared with. */
    static final List<String> ALL = List.of("holdfast", "holdfast-tuned", "jetty", "nio", "pushpin", "nchan", "nginx",
        "jettyrun", "tomcat", "holdfast-redis");
    /** Targets run only when named: holdfast-redis measures Holdfast against itself, not against a peer. */
    private static final List<String> ON_REQUEST = List.of("holdfast-redis");

    private final Path project;
    private final Path work;
    private final Path baseline;
    private final Path routes;
    private final int core;
    private final int portBase;
    private final int originPort;
    private final List<String> shippedJvm;
    private final List<String> tunedJvm;
    private final boolean jfr;

    /**
     * @param baseline another checkout's build for the baseline target, or null
     * @param tunedJvm the benchmark's JVM flags for Holdfast (--holdfast-jvm), for holdfast-tuned and bare Jetty
     */
    Targets(Path project, Path work, Path baseline, Path routes, int core, int portBase, int originPort,
            List<String> tunedJvm, boolean jfr) throws IOException
    {
        this.project = project;
        this.work = work;
        this.baseline = baseline;
        this.routes = routes;
        this.core = core;
        this.portBase = portBase;
        this.originPort = originPort;
        this.shippedJvm = HoldfastProxy.productionFlags(project);
        this.tunedJvm = tunedJvm;
        this.jfr = jfr;
    }

    /** The targets run when --targets is not given: all of them, and the baseline next to Holdfast with --baseline. */
    List<String> defaults()
    {
        List<String> all = new ArrayList<>(ALL);
        all.removeAll(ON_REQUEST);
        if (baseline != null)
            all.add(1, "baseline");
        return all;
    }

    /**
     * What the targets to run need before the first is measured: jetty:run's copy of the checkout,
     * made now, just after run.sh built the WAR from it, so both run the same code even if the
     * checkout changes during the run.
     */
    void prepare(List<String> targets) throws IOException
    {
        if (targets.contains("jettyrun") && JettyRunProxy.unavailable() == null)
            JettyRunProxy.prepare(project, work);
    }

    /** Why {@code target} cannot run on this machine, or null when it can. */
    String unavailable(String target)
    {
        return switch (target)
        {
            case "holdfast", "holdfast-tuned", "jetty", "nio" -> null;
            case "holdfast-redis" -> HoldfastRedisProxy.unavailable();
            case "baseline" -> baseline == null ? "the baseline target needs --baseline=DIR" : null;
            case "pushpin" -> PushpinProxy.unavailable();
            case "nchan" -> NchanProxy.unavailable();
            case "nginx" -> NginxProxy.unavailable();
            case "jettyrun" -> JettyRunProxy.unavailable();
            case "tomcat" -> TomcatProxy.unavailable(project);
            default -> throw new IllegalArgumentException("unknown target " + target + "; known: " + ALL + " and baseline");
        };
    }

    /** Starts nothing: what makes a fresh instance of {@code target}, one per start. */
    Supplier<Proxy> factory(String target)
    {
        int p = portBase;
        return switch (target)
        {
            // As shipped: the JVM flags of jetty-base's start.d/30-jvm.ini and nothing else.
            case "holdfast" -> () -> new HoldfastProxy(HoldfastProxy.NAME, "holdfast", war(shippedJvm, p + 102), p + 100,
                p + 101, jfr);
            case "holdfast-tuned" -> () -> new HoldfastProxy(HoldfastProxy.TUNED_NAME, "holdfast-tuned",
                war(tunedJvm, p + 112), p + 110, p + 111, jfr);
            // Two instances as holdfast's sharing a redis-server the target starts, all on the proxy core.
            case "holdfast-redis" -> () -> new HoldfastRedisProxy(war(shippedJvm, p + 122), p + 120, p + 121,
                war(shippedJvm, p + 127), p + 125, p + 126, jfr);
            // Another checkout's build, started exactly as holdfast's (this checkout's jetty-home, the same flags).
            case "baseline" -> () -> HoldfastProxy.baseline(war(shippedJvm, p + 252), baseline, p + 250, p + 251, jfr);
            // The ceiling of a WAR on Jetty: the container with the best flags found for one core.
            case "jetty" -> () -> new BareJettyProxy(war(tunedJvm, p + 152), p + 150, p + 151, originPort);
            // What any Java server can reach here: no container, the shipped JVM flags.
            case "nio" -> () -> new NioFloorProxy(work, core, shippedJvm, p + 160, p + 161);
            case "pushpin" -> () -> new PushpinProxy(work, core, p + 200, p + 201, p + 202, p + 203, routes);
            case "nchan" -> () -> new NchanProxy(work, core, p + 270, p + 271);
            case "nginx" -> () -> new NginxProxy(work, core, p + 280, p + 281, originPort);
            case "jettyrun" -> () -> new JettyRunProxy(work, core, p + 290, p + 291, p + 292, p + 293, routes);
            case "tomcat" -> () -> new TomcatProxy(war(shippedJvm, p + 302), p + 300, p + 301);
            default -> throw new IllegalArgumentException("unknown target " + target);
        };
    }

    /** A WAR target's setup with {@code jvmFlags}, its PULL input on {@code zmqPull} and SUB on the port after. */
    private WarSetup war(List<String> jvmFlags, int zmqPull)
    {
        return new WarSetup(project, work, core, jvmFlags, zmqPull, zmqPull + 1, routes);
    }
}
