// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A servlet container running the built WAR as a separate process, as users run it: a jetty-home
 * started on a fresh copy of our jetty-base ({@link #jettyHome}), or any container a test starts
 * itself ({@link #start}, for Tomcat). Its output goes to a log file that failures quote the tail
 * of. {@link #close()} stops it and the JVM it forked (jetty-base's start.d forks one, --exec).
 * Needs {@code mvn verify}'s package and pre-integration-test phases: the WAR and the unpacked
 * containers under target/. Used by one test thread.
 */
public final class ContainerProcess implements AutoCloseable
{
    private static final Path TARGET = Path.of("target");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final long STOP_TIMEOUT_SECONDS = 20;
    private static final int TAIL_LINES = 60;
    private static final Pattern STARTED = Pattern.compile("Holdfast started: ");

    private final Process process;
    private final Path log;

    private ContainerProcess(Process process, Path log)
    {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts jetty-home on a new jetty-base in {@code target/<name>} with {@code options} (the
     * {@code -D} flags a user would give {@code start.jar}); its log is {@code jetty.log} there.
     */
    public static ContainerProcess jettyHome(String name, List<String> options) throws IOException
    {
        return jettyHome(name, options, 0);
    }

    /**
     * As {@link #jettyHome(String, List)}, in a process whose descriptor limit is {@code descriptorLimit}
     * ({@code ulimit -n}; 0 leaves it as it is).
     */
    public static ContainerProcess jettyHome(String name, List<String> options, int descriptorLimit) throws IOException
    {
        Path base = jettyBase(TARGET.resolve(name)).toAbsolutePath();
        List<String> command = new ArrayList<>();
        if (descriptorLimit > 0)
            command.addAll(List.of("bash", "-c", "ulimit -n " + descriptorLimit + " && exec \"$@\"", "bash"));
        command.addAll(List.of(java(), "-jar", unpacked("jetty-home-").resolve("start.jar").toAbsolutePath().toString(),
            "jetty.base=" + base));
        command.addAll(options);
        return start(new ProcessBuilder(command).directory(base.toFile()), base.resolve("jetty.log"));
    }

    /**
     * The one place a jetty-base is made: {@code dir}, emptied, gets a copy of the one the build
     * assembles (target/jetty-base: jetty-base/ with the WAR and holdfast-jetty.jar), as users run it.
     */
    private static Path jettyBase(Path dir) throws IOException
    {
        Path assembled = TARGET.resolve("jetty-base");
        if (!Files.exists(assembled.resolve("lib/holdfast-jetty.jar")) || !Files.exists(assembled.resolve("webapps/holdfast.war")))
            throw new AssertionError("run `mvn verify`: target/jetty-base is assembled in the package phase");
        freshDirectory(dir);
        copyTree(assembled, dir);
        return dir;
    }

    /** Starts {@code builder}'s command with its output, standard error included, going to {@code log}. */
    public static ContainerProcess start(ProcessBuilder builder, Path log) throws IOException
    {
        return new ContainerProcess(builder.redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    /** The built WAR, target/holdfast.war. */
    public static Path war()
    {
        Path war = TARGET.resolve("holdfast.war");
        if (!Files.exists(war))
            throw new AssertionError("run `mvn verify`: the WAR is built in the package phase");
        return war;
    }

    /** The container unpacked under target/containers whose folder starts with {@code prefix}. */
    public static Path unpacked(String prefix) throws IOException
    {
        Path containers = TARGET.resolve("containers");
        try (Stream<Path> children = Files.list(containers))
        {
            return children.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + "* in " + containers + ": run `mvn verify`"));
        }
    }

    /** {@code dir}, created, or emptied if it exists (what a previous run left there). */
    public static Path freshDirectory(Path dir) throws IOException
    {
        if (Files.exists(dir))
        {
            try (Stream<Path> walk = Files.walk(dir))
            {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList())
                    Files.delete(path);
            }
        }
        return Files.createDirectories(dir);
    }

    /**
     * Waits until Holdfast has started in the container and every one of {@code ports} accepts on
     * loopback; fails if the container exits or takes a minute. A port that accepts is not enough:
     * Tomcat binds its connectors before it deploys the WAR, and a request sent then waits, unanswered,
     * for the whole deployment.
     */
    public void awaitStarted(int... ports) throws Exception
    {
        awaitLogLine(STARTED);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (int port : ports)
        {
            while (!accepts(port))
            {
                if (!process.isAlive() || System.nanoTime() > deadline)
                    throw new AssertionError("container did not listen on " + port + ":\n" + tail());
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Waits until a line of the log matches {@code pattern} (log lines may reach the file some
     * milliseconds after what they report) and returns the match of the first such line.
     */
    public Matcher awaitLogLine(Pattern pattern) throws Exception
    {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true)
        {
            for (String line : lines())
            {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find())
                    return matcher;
            }
            if (!process.isAlive() || System.nanoTime() > deadline)
                throw new AssertionError("no log line matches " + pattern + ":\n" + tail());
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
    }

    /** Whether any line of the log so far contains {@code text}. */
    public boolean logContains(String text) throws IOException
    {
        return lines().stream().anyMatch(line -> line.contains(text));
    }

    /** What a test does against a running container. */
    public interface Check
    {
        void run() throws Exception;
    }

    /** Runs {@code check}; a failure of any kind, a timeout included, quotes the end of the container's log. */
    public void quoteLogOnFailure(Check check) throws IOException
    {
        try
        {
            check.run();
        }
        catch (AssertionError | Exception e)
        {
            throw new AssertionError(e + "\n--- end of the container's log:\n" + tail(), e);
        }
    }

    /** The last lines of the log, for failure messages. */
    public String tail() throws IOException
    {
        // Without the checks' own polling of /metrics, which would crowd out what went wrong.
        List<String> lines = lines().stream().filter(line -> !line.contains("GET /metrics")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    /** The container's open descriptors: those of the server JVM (jetty-base's start.d forks one, --exec). */
    public int descriptors()
    {
        ProcessHandle server = server();
        String[] open = new java.io.File("/proc/" + server.pid() + "/fd").list();
        if (open == null)
            throw new IllegalStateException("no /proc/" + server.pid() + "/fd: the container is gone, or this is not Linux");
        return open.length;
    }

    /**
     * Sends the server JVM SIGTERM, as a supervisor stops it, and waits for it to exit; the time
     * it took, or an AssertionError with the log's tail if it is still running after {@code within}.
     */
    public Duration terminate(Duration within) throws Exception
    {
        ProcessHandle server = server();
        long start = System.nanoTime();
        server.destroy();
        try
        {
            server.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException stuck)
        {
            throw new AssertionError("the container ignored SIGTERM for " + within + ":\n" + tail());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    // The JVM that runs the server: the one start.jar forked (--exec), else the process itself.
    private ProcessHandle server()
    {
        return process.descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
            .reduce((first, second) -> second).orElse(process.toHandle());
    }

    /** Stops the container and every process it started, forcibly if it takes more than a few seconds. */
    @Override
    public void close() throws Exception
    {
        // jetty-base's start.d forks the server JVM (--exec): stop it as well as start.jar.
        List<ProcessHandle> forked = process.descendants().toList();
        forked.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS))
            process.destroyForcibly().waitFor();
        for (ProcessHandle server : forked)
        {
            try
            {
                server.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            catch (TimeoutException stuck)
            {
                server.destroyForcibly();
            }
        }
    }

    private List<String> lines() throws IOException
    {
        // decoded leniently: the container may be writing a multi-byte character right now
        return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList() : List.of();
    }

    private static boolean accepts(int port)
    {
        try (Socket ignored = new Socket("127.0.0.1", port))
        {
            return true;
        }
        catch (IOException notYet)
        {
            return false;
        }
    }

    private static String java()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void copyTree(Path from, Path to) throws IOException
    {
        try (Stream<Path> walk = Files.walk(from))
        {
            for (Path source : walk.toList())
            {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source))
                    Files.createDirectories(dest);
                else
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
