// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holdfast scaled out (issue 17): a redis-server of its own on a free port, and two instances
 * started exactly as the {@code holdfast} target's (jetty-home, the shipped flags) that share it
 * ({@code holdfast.redis.uri}). Instance A takes every publish and the streams of the scenarios
 * written for one instance; instance B holds the other half of the cross-instance fan-out's
 * streams ({@link ScaleOut}). Redis and both instances are pinned to the proxy core, so the proxy
 * side has one core in all, as every other target; its CPU, RSS and open files are the three
 * processes' together.
 */
final class HoldfastRedisProxy extends HoldfastProxy
{
    static final String NAME = "Holdfast + Redis";
    private static final Path REDIS = Path.of("/usr/bin/redis-server");
    /**
     * Instances made so far: each scenario gets a fresh one, and its logs (A's, B's, Redis's) a
     * number of their own, so an error in an earlier scenario's logs is not overwritten.
     */
    private static final AtomicInteger MADE = new AtomicInteger();
    private final int number = MADE.incrementAndGet();
    private final WarSetup setup;
    private final Member second;
    private Process redis;
    private int redisPort;

    /** Instance A on {@code setup} and the ports given; instance B on {@code secondSetup} and its ports. */
    HoldfastRedisProxy(WarSetup setup, int httpPort, int controlPort, WarSetup secondSetup, int secondHttp,
                       int secondControl, boolean jfr)
    {
        super(NAME, "holdfast-redis-a", setup, httpPort, controlPort, jfr);
        this.setup = setup;
        this.second = new Member(secondSetup, secondHttp, secondControl);
        logAs("holdfast-redis-a-" + number);
        second.logAs("holdfast-redis-b-" + number);
    }

    /** Why this target cannot run here, or null. */
    static String unavailable()
    {
        return Files.isExecutable(REDIS) ? null : REDIS + " not installed (apt-get install -y redis-server)";
    }

    /** Instance B's client port: the other half of the cross-instance fan-out's streams connect there. */
    InetSocketAddress secondHttp()
    {
        return second.http;
    }

    @Override
    void start() throws Exception
    {
        redisPort = freePort();
        Path dir = Files.createDirectories(setup.work().resolve("redis"));
        Path log = setup.work().resolve("redis-" + number + ".log");
        // No persistence: what is measured is the publish script and pub/sub, not fsync.
        List<String> command = pinned(setup.core(), List.of(REDIS.toString(), "--port", Integer.toString(redisPort),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        Files.writeString(log.resolveSibling(log.getFileName() + ".command"), String.join(" ", command) + "\n");
        redis = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitRedis(log);
        super.start();
        second.start();
    }

    @Override
    protected List<String> extraProperties()
    {
        return List.of("-Dholdfast.redis.uri=redis://127.0.0.1:" + redisPort);
    }

    @Override
    List<Long> pids()
    {
        List<Long> pids = new ArrayList<>(super.pids());
        pids.addAll(second.pids());
        if (redis != null && redis.isAlive())
        {
            pids.add(redis.pid());
            redis.descendants().forEach(p -> pids.add(p.pid()));
        }
        return pids;
    }

    @Override
    void stop()
    {
        second.stop();
        super.stop();
        if (redis == null)
            return;
        redis.destroy();
        try
        {
            if (!redis.waitFor(10, TimeUnit.SECONDS))
                redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        redis = null;
    }

    @Override
    String describe()
    {
        return super.describe() + "; two instances (A: ports " + http.getPort() + "/" + control.getPort() + ", B: "
            + second.http.getPort() + "/" + second.control.getPort() + ") sharing " + redisVersion()
            + " on a free port, all three pinned to core " + setup.core();
    }

    @Override
    String note()
    {
        return NAME + ": redis-server and instances A and B all on the proxy core; publishes go to A, single-instance"
            + " scenarios hold their streams on A, and its CPU/RSS figures are the three processes' together.";
    }

    private static String redisVersion()
    {
        try
        {
            Process p = new ProcessBuilder(REDIS.toString(), "--version").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            int v = text.indexOf("v=");
            return "redis-server " + (v < 0 ? "?" : text.substring(v + 2, text.indexOf(' ', v)));
        }
        catch (IOException | InterruptedException e)
        {
            return "redis-server";
        }
    }

    /** A port nobody listens on now (the system's pick); redis-server binds it a moment later. */
    private static int freePort() throws IOException
    {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return probe.getLocalPort();
        }
    }

    /** Waits until redis-server answers PING. */
    private void awaitRedis(Path log) throws Exception
    {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline)
        {
            if (!redis.isAlive())
                throw new IllegalStateException("redis-server exited with " + redis.exitValue() + "; see " + log);
            try (Socket socket = new Socket())
            {
                socket.connect(new InetSocketAddress("127.0.0.1", redisPort), 1000);
                socket.setSoTimeout(2000);
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                if (new String(in.readNBytes(7), StandardCharsets.US_ASCII).startsWith("+PONG"))
                    return;
            }
            catch (IOException e)
            {
                // not yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("redis-server not ready on port " + redisPort + "; see " + log);
    }

    /** Instance B: started as A, on its own ports and jetty-base copy, on the same Redis. */
    private final class Member extends HoldfastProxy
    {
        Member(WarSetup setup, int httpPort, int controlPort)
        {
            super(NAME + " (B)", "holdfast-redis-b", setup, httpPort, controlPort, false);
        }

        @Override
        protected List<String> extraProperties()
        {
            return HoldfastRedisProxy.this.extraProperties();
        }
    }
}
