// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Holdfast the production way: the jetty-home unpacked by the build, a copy of the jetty-base the
 * build assembles and users run ({@code target/jetty-base}: the project's {@code jetty-base/} with
 * the WAR in {@code webapps/} and {@code holdfast-jetty.jar} in {@code lib/}), {@code java -jar
 * start.jar} (Jetty runs in that JVM rather than in one start.jar forks, so the JVM measured is the
 * server alone and its flags are the ones given: those jetty-base ships for the {@code holdfast}
 * target, the benchmark's for {@code holdfast-tuned}), pinned to one core with {@code taskset}.
 * Subclasses deploy another webapp the same way ({@link #deploy}). {@link #baseline} runs another
 * checkout's build the same way, on this checkout's jetty-home.
 */
class HoldfastProxy extends Proxy
{
    private static final String JVM_INI = "start.d/30-jvm.ini";
    static final String NAME = "Holdfast";
    static final String TUNED_NAME = "Holdfast tuned";
    static final String BASELINE_NAME = "Holdfast (baseline)";
    /** Streams the largest scenario holds at once (RSS at 19,000 streams). */
    private static final int MOST_STREAMS = 19_000;
    private final WarSetup setup;
    private final Path build;
    private final boolean jfr;
    private final String logName;
    /** The log's name, {@code logName-starts.log} unless {@link #logAs} set one. */
    private String logFile;
    private int starts;

    /** This checkout's build as {@code name}, with {@code jvmFlags}: the shipped ones, or the benchmark's. */
    HoldfastProxy(String name, String logName, WarSetup setup, int httpPort, int controlPort, boolean jfr)
    {
        this(name, logName, setup, setup.project(), httpPort, controlPort, jfr);
    }

    /**
     * Holdfast as built in another checkout ({@code build}, e.g. a git worktree at an older commit,
     * built with {@code mvn -Pbench package}), started exactly as this checkout's: the same
     * jetty-home (this checkout's), flags and core.
     */
    static HoldfastProxy baseline(WarSetup setup, Path build, int httpPort, int controlPort, boolean jfr)
    {
        return new HoldfastProxy(BASELINE_NAME, "baseline", setup, build, httpPort, controlPort, jfr);
    }

    /**
     * @param setup this checkout (its jetty-home runs the server), flags, core and inputs
     * @param build the checkout whose build is deployed (its target/jetty-base)
     */
    protected HoldfastProxy(String name, String logName, WarSetup setup, Path build, int httpPort, int controlPort,
                            boolean jfr)
    {
        super(name, httpPort, controlPort);
        this.logName = logName;
        this.setup = setup;
        this.build = build;
        this.jfr = jfr;
    }

    /** Every scenario, Holdfast's own (history catch-up, scale-out) too. */
    @Override
    boolean runs(String scenario)
    {
        return true;
    }

    @Override
    void start() throws Exception
    {
        starts++;
        Path home = jettyHome(setup.project());
        Path base = setup.work().resolve(logName + "-base");
        Dirs.delete(base);
        Dirs.copy(baseSource(build), base);
        // This process is the server (no --exec fork), so its pid is the one measured and the flags
        // given apply: the shipped ones (productionFlags(), what the fork would get) or the benchmark's.
        Files.delete(base.resolve(JVM_INI));
        deploy(base);
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(setup.jvmFlags());
        command.addAll(List.of("-jar", home.resolve("start.jar").toString(), "jetty.base=" + base));
        command.addAll(setup.properties(http.getPort(), control.getPort()));
        command.addAll(extraProperties());
        Path log = setup.work().resolve(logFile != null ? logFile + ".log" : logName + "-" + starts + ".log");
        launch(pinned(setup.core(), command), base, Map.of(), log, 90_000);
    }

    /** Logs to {@code name}.log in the work directory, rather than by the count of this object's starts. */
    protected void logAs(String name)
    {
        logFile = name;
    }

    /** System properties a subclass adds to the launch contract (a shared Redis), after it. */
    protected List<String> extraProperties()
    {
        return List.of();
    }

    /**
     * Holdfast's launch contract on the benchmark's ports: the listeners, the routes and the
     * ZeroMQ inputs (Pushpin's default ports otherwise, which another Holdfast or Pushpin may hold).
     */
    static List<String> properties(int http, int control, Path routes, int zmqPull, int zmqSub)
    {
        List<String> properties = new ArrayList<>(List.of("-Dholdfast.http.port=" + http,
            "-Dholdfast.control.port=" + control, "-Dholdfast.routes.file=" + routes,
            "-Dholdfast.zmq.pull=tcp://127.0.0.1:" + zmqPull, "-Dholdfast.zmq.sub=tcp://127.0.0.1:" + zmqSub,
            // No scenario uses the command socket. Its default is a port the system picks
            // (tcp://127.0.0.1:*), but builds before that bound 5563, which a Holdfast the user runs
            // meanwhile may hold: a port of the benchmark's own keeps any build clear of it.
            "-Dholdfast.zmq.command=tcp://127.0.0.1:" + (zmqSub + 1)));
        int maxconn = clientLimit();
        if (maxconn > 0)
            properties.add("-Dholdfast.client.maxconn=" + maxconn);
        return properties;
    }

    /**
     * The holdfast.client.maxconn the benchmark sets, or 0 for none (auto, as shipped): where the
     * descriptor limit every target inherits (ulimit -n) leaves auto (the limit less a tenth, at
     * least 256) below the 19,000 streams the largest scenario holds, the limit less 500 for origin
     * connections and the JVM, so the streams past auto's limit do not wait in the accept queue
     * until the scenario gives up on them.
     */
    static int clientLimit()
    {
        long limit = descriptorLimit();
        if (limit <= 0 || limit - Math.max(256, limit / 10) >= MOST_STREAMS)
            return 0;
        return (int)(limit - 500);
    }

    /** This JVM's open files limit, which the targets inherit; -1 when unknown. */
    private static long descriptorLimit()
    {
        try
        {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits")))
            {
                if (line.startsWith("Max open files"))
                    return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
            }
        }
        catch (java.io.IOException | RuntimeException e)
        {
            // unknown: no limit set
        }
        return -1;
    }

    /** For describe(): the client limit the benchmark sets, if any. */
    static String clientLimitNote()
    {
        int maxconn = clientLimit();
        return maxconn == 0 ? "" : ", holdfast.client.maxconn=" + maxconn + " (ulimit -n " + descriptorLimit()
            + " leaves auto below " + MOST_STREAMS + " streams)";
    }

    /**
     * What a build's jetty-base is copied from: its {@code target/jetty-base}, what ships; for a
     * checkout built before {@code mvn package} assembled one (a baseline at an older commit), its
     * {@code jetty-base/}, to which {@link #deploy} adds the WAR.
     */
    static Path baseSource(Path build)
    {
        Path assembled = build.resolve("target/jetty-base");
        if (Files.isDirectory(assembled))
            return assembled;
        if (Files.isDirectory(build.resolve("jetty-base")) && Files.isRegularFile(build.resolve("target/holdfast.war")))
            return build.resolve("jetty-base");
        throw new IllegalStateException("no " + assembled + " (nor jetty-base/ and target/holdfast.war) in " + build
            + ": build it with mvn -Pbench -Dmaven.test.skip=true package");
    }

    /**
     * Puts the webapp under test into the copied jetty-base: Holdfast's WAR, which an assembled
     * base has already; an older build's {@code jetty-base/} gets its {@code target/holdfast.war}.
     */
    protected void deploy(Path base) throws java.io.IOException
    {
        Path war = base.resolve("webapps/holdfast.war");
        if (!Files.exists(war))
            Files.copy(build.resolve("target/holdfast.war"), war);
    }

    /**
     * The JVM flags jetty-base ships: the JVM options of start.d/30-jvm.ini, which start.jar gives
     * the JVM it forks (--exec), as they are and nothing else.
     */
    static List<String> productionFlags(Path project) throws java.io.IOException
    {
        return Files.readAllLines(project.resolve("jetty-base").resolve(JVM_INI)).stream()
            .map(String::trim).filter(line -> line.startsWith("-") && !line.startsWith("--")).toList();
    }

    /** Starts a JFR recording when --jfr was given (profile settings, or the file -Dbench.jfc names); see {@link #stopRecording}. */
    void startRecording(String name)
    {
        if (jfr)
            jcmd("JFR.start", "name=" + name, "settings=" + System.getProperty("bench.jfc", "profile"));
    }

    /** Stops the recording and writes it to the work directory; the file, or null without --jfr. */
    Path stopRecording(String name)
    {
        if (!jfr)
            return null;
        Path file = setup.work().resolve(logName + "-" + name + ".jfr");
        jcmd("JFR.stop", "name=" + name, "filename=" + file);
        return file;
    }

    private void jcmd(String... args)
    {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
            Long.toString(process.pid())));
        command.addAll(List.of(args));
        try
        {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        }
        catch (Exception e)
        {
            throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed", e);
        }
    }

    @Override
    String describe()
    {
        return "jetty-home " + jettyHome(setup.project()).getFileName().toString().replace("jetty-home-", "") + ", "
            + String.join(" ", setup.jvmFlags()) + clientLimitNote() + (build.equals(setup.project()) ? "" : ", the build in " + build + " ("
            + (baseSource(build).endsWith("target/jetty-base") ? "target/jetty-base" : "jetty-base/ and target/holdfast.war")
            + ")");
    }

    protected Path project()
    {
        return setup.project();
    }

    static Path jettyHome(Path project)
    {
        File[] homes = project.resolve("target/containers").toFile().listFiles((dir, name) -> name.startsWith("jetty-home-"));
        if (homes == null || homes.length != 1)
            throw new IllegalStateException("expected one target/containers/jetty-home-*: build with mvn -Pbench package");
        return homes[0].toPath().toAbsolutePath();
    }

    static String javaBin()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
