// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Holdfast as a newcomer starts it: {@code mvn jetty:run} with the launch contract's {@code -D}
 * options on the benchmark's ports, pinned to one core with {@code taskset}. The Jetty Maven plugin
 * runs the server inside Maven's JVM, so that JVM (with the flags of the project's
 * {@code .mvn/jvm.config}, and Maven itself in its heap) is what is measured. It runs in a copy of
 * the checkout made when the benchmark starts ({@link #prepare}): Maven compiles there, so this
 * checkout's target/ is left alone and every start runs the code the WAR was built from, which
 * compiles once. Tests and Checkstyle are skipped ({@code -Dmaven.test.skip=true
 * -Dcheckstyle.skip}): they shape the build, not the server.
 */
final class JettyRunProxy extends Proxy
{
    /** What of the checkout {@code mvn jetty:run} reads: the POM, Maven's JVM flags, sources, webapp, connectors. */
    private static final List<String> COPIED = List.of("pom.xml", ".mvn", "src/main", "src/jetty", "src/build", "webapp",
        "jetty-base");
    /** The first start may download the plugin and its dependencies. */
    private static final long FIRST_START_MILLIS = 600_000;

    private final Path copy;
    private final Path work;
    private final int core;
    private final int zmqPull;
    private final int zmqSub;
    private final Path routes;
    /** Starts in this benchmark run, over all instances: a fresh instance is made for each. */
    private static int launches;

    JettyRunProxy(Path work, int core, int httpPort, int controlPort, int zmqPull, int zmqSub, Path routes)
    {
        super("jetty:run", httpPort, controlPort);
        this.copy = copyOf(work);
        this.work = work;
        this.core = core;
        this.zmqPull = zmqPull;
        this.zmqSub = zmqSub;
        this.routes = routes;
    }

    /** Why {@code mvn jetty:run} cannot run here, or null when it can. */
    static String unavailable()
    {
        return mvn() == null ? "mvn is not on the PATH" : null;
    }

    /** Copies what {@code mvn jetty:run} needs of {@code project} into the work directory, fresh. */
    static void prepare(Path project, Path work) throws java.io.IOException
    {
        Path copy = copyOf(work);
        Dirs.delete(copy);
        for (String part : COPIED)
        {
            Path from = project.resolve(part);
            if (Files.isDirectory(from))
                Dirs.copy(from, copy.resolve(part));
            else
            {
                Files.createDirectories(copy.resolve(part).getParent());
                Files.copy(from, copy.resolve(part));
            }
        }
    }

    private static Path copyOf(Path work)
    {
        return work.resolve("jettyrun-project");
    }

    @Override
    void start() throws Exception
    {
        int launch;
        synchronized (JettyRunProxy.class)
        {
            launch = ++launches;
        }
        List<String> command = new ArrayList<>(List.of(mvn().toString(), "-B", "-ntp", "-Dmaven.test.skip=true",
            "-Dcheckstyle.skip", "jetty:run"));
        command.addAll(HoldfastProxy.properties(http.getPort(), control.getPort(), routes, zmqPull, zmqSub));
        // The JDK the other targets run on; MAVEN_OPTS would add flags to the server's JVM.
        Map<String, String> environment = Map.of("JAVA_HOME", System.getProperty("java.home"), "MAVEN_OPTS", "");
        launch(pinned(core, command), copy, environment, work.resolve("jettyrun-" + launch + ".log"),
            launch == 1 ? FIRST_START_MILLIS : 180_000);
    }

    @Override
    String describe()
    {
        return "mvn jetty:run (jetty-ee10-maven-plugin, the server in Maven's JVM) in a copy of this checkout, "
            + "Maven's JVM flags from .mvn/jvm.config: " + jvmConfig() + HoldfastProxy.clientLimitNote();
    }

    private String jvmConfig()
    {
        try
        {
            return Files.readString(copy.resolve(".mvn/jvm.config")).trim();
        }
        catch (java.io.IOException e)
        {
            return "(no .mvn/jvm.config)";
        }
    }

    /** {@code mvn} on the PATH, or null. */
    private static Path mvn()
    {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":"))
        {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "mvn");
            if (Files.isExecutable(candidate))
                return candidate;
        }
        return null;
    }
}
