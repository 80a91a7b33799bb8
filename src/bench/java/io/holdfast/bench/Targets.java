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
    static final List<String> ALL = List.of("holdfast", "holdfast-tuned", "jetty", "pushpin", "nchan", "nginx", "jettyrun",
        "tomcat");

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
            case "holdfast", "holdfast-tuned", "jetty" -> null;
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
            case "holdfast" -> () -> new HoldfastProxy(HoldfastProxy.NAME, "holdfast", project, work, core, shippedJvm,
                p + 100, p + 101, p + 102, p + 103, routes, jfr);
            case "holdfast-tuned" -> () -> new HoldfastProxy(HoldfastProxy.TUNED_NAME, "holdfast-tuned", project, work, core,
                tunedJvm, p + 110, p + 111, p + 112, p + 113, routes, jfr);
            // Another checkout's build, started exactly as holdfast's (this checkout's jetty-home, the same flags).
            case "baseline" -> () -> HoldfastProxy.baseline(project, baseline, work, core, shippedJvm, p + 250, p + 251,
                p + 252, p + 253, routes, jfr);
            // The ceiling of a WAR on Jetty: the container with the best flags found for one core.
            case "jetty" -> () -> new BareJettyProxy(project, work, core, tunedJvm, p + 150, p + 151, p + 152, p + 153, routes,
                originPort);
            case "pushpin" -> () -> new PushpinProxy(work, core, p + 200, p + 201, p + 202, p + 203, routes);
            case "nchan" -> () -> new NchanProxy(work, core, p + 270, p + 271);
            case "nginx" -> () -> new NginxProxy(work, core, p + 280, p + 281, originPort);
            case "jettyrun" -> () -> new JettyRunProxy(work, core, p + 290, p + 291, p + 292, p + 293, routes);
            case "tomcat" -> () -> new TomcatProxy(project, work, core, shippedJvm, p + 300, p + 301, p + 302, p + 303, routes);
            default -> throw new IllegalArgumentException("unknown target " + target);
        };
    }
}
