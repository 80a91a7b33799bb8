// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A proxy under test, started as its own process tree pinned to one core: its client port, its
 * publish port, and the processes whose memory counts.
 */
abstract class Proxy
{
    final String name;
    final InetSocketAddress http;
    final InetSocketAddress control;
    protected Process process;
    /** When the proxy's process was launched ({@link System#nanoTime()}); 0 before. */
    private long launchedNanos;

    Proxy(String name, int httpPort, int controlPort)
    {
        this.name = name;
        this.http = new InetSocketAddress("127.0.0.1", httpPort);
        this.control = new InetSocketAddress("127.0.0.1", controlPort);
    }

    abstract void start() throws Exception;

    /**
     * Whether it runs {@code scenario}: a GRIP proxy runs them all but Holdfast's own (history
     * catch-up, scale-out), which only Holdfast does; one that is not (bare Jetty, nginx, nchan)
     * only those it can.
     */
    boolean runs(String scenario)
    {
        return !Bench.HOLDFAST_SCENARIOS.contains(scenario);
    }

    /** A one-line description for the report (version, flags). */
    abstract String describe();

    /** What the table's reader must know about this target's figures, or null. */
    String note()
    {
        return null;
    }

    /** A publish of {@code count} stream items, each with a latency marker, to {@code channel}: one GRIP POST. */
    PublishBody streamPublish(String channel, int count)
    {
        return PublishBody.of(Collections.nCopies(count, PublishBody.streamItem(channel)));
    }

    /** A publish that ends every stream held on {@code channels}. */
    PublishBody closePublish(List<String> channels)
    {
        return PublishBody.of(channels.stream().map(PublishBody::closeItem).toList());
    }

    /** A publish that answers the long-polls held on {@code channel}, with a latency marker. */
    PublishBody responsePublish(String channel)
    {
        return PublishBody.of(PublishBody.responseItem(channel));
    }

    /** {@code command} run pinned to {@code core} with {@code taskset}, which the command's children inherit. */
    static List<String> pinned(int core, List<String> command)
    {
        List<String> all = new ArrayList<>(List.of("taskset", "-c", Integer.toString(core)));
        all.addAll(command);
        return all;
    }

    /**
     * Seconds from the launch of the proxy's process to now; from {@code orSince} for a proxy that
     * launches none (or has not yet). Preparing its directory before the launch is not counted.
     */
    double secondsSinceLaunch(long orSince)
    {
        return (System.nanoTime() - (launchedNanos != 0 ? launchedNanos : orSince)) / 1e9;
    }

    /**
     * Starts {@code command} in {@code dir} with {@code environment} added, its output to {@code log}
     * (the command line, after the variables added, to {@code log}'s name with {@code .command}), and
     * waits until it is ready.
     */
    protected void launch(List<String> command, Path dir, Map<String, String> environment, Path log, long readyMillis)
        throws Exception
    {
        StringBuilder line = new StringBuilder();
        environment.forEach((name, value) -> line.append(name).append("='").append(value).append("' "));
        Files.writeString(log.resolveSibling(log.getFileName() + ".command"), line + String.join(" ", command) + "\n");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        launchedNanos = System.nanoTime();
        process = builder.start();
        awaitReady(readyMillis, log);
    }

    /** Every process of this proxy (the root and its descendants). */
    List<Long> pids()
    {
        List<Long> pids = new ArrayList<>();
        if (process != null && process.isAlive())
        {
            pids.add(process.pid());
            process.descendants().forEach(p -> pids.add(p.pid()));
        }
        return pids;
    }

    /** Resident memory of all of this proxy's processes (VmRSS), in kB. */
    long rssKb()
    {
        long total = 0;
        for (long pid : pids())
            total += statusField(pid, "VmRSS:");
        return total;
    }

    /** CPU time (user + system) used so far by all of this proxy's processes, in clock ticks (1/100 s). */
    long cpuTicks()
    {
        long total = 0;
        for (long pid : pids())
        {
            try
            {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields[0] is field 3 (state): utime and stime are fields 14 and 15
                total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
            catch (IOException | RuntimeException ignored)
            {
                // gone
            }
        }
        return total;
    }

    /** Open file descriptors of all of this proxy's processes. */
    long openFiles()
    {
        long total = 0;
        for (long pid : pids())
        {
            String[] fds = Path.of("/proc", Long.toString(pid), "fd").toFile().list();
            total += fds == null ? 0 : fds.length;
        }
        return total;
    }

    void stop()
    {
        if (process == null)
            return;
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try
        {
            if (!process.waitFor(20, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : children)
        {
            if (child.isAlive())
            {
                child.destroy();
                child.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
                if (child.isAlive())
                    child.destroyForcibly();
            }
        }
        process = null;
    }

    static long statusField(long pid, String field)
    {
        try
        {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
            {
                if (line.startsWith(field))
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        catch (IOException | RuntimeException ignored)
        {
            // gone
        }
        return 0;
    }

    /**
     * Waits until a plain GET answers 200 and, for a target that holds streams, a held stream and a
     * publish to it succeed; for one that only publishes (bare Jetty without streams), a publish.
     */
    protected void awaitReady(long timeoutMillis, Path log) throws Exception
    {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        String last = "not started";
        while (System.nanoTime() < deadline)
        {
            if (!process.isAlive())
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            try
            {
                int status = get(http, "/hello");
                if (status != 200)
                    last = "GET /hello answered " + status;
                else if ((status = runs("tenk") ? holdAndPublish() : runs("publish") ? publish("ready") : 200) / 100 != 2)
                    last = "a held stream or its publish answered " + status;
                else
                    return;
            }
            catch (IOException e)
            {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not ready after " + timeoutMillis + " ms (" + last + "); see " + log);
    }

    /**
     * Holds a stream and publishes to it: the hold and publish paths are up (Pushpin's handler
     * connects to its proxy a moment after the HTTP port opens). The first status not 2xx, or 200.
     */
    private int holdAndPublish() throws IOException
    {
        try (Socket stream = new Socket())
        {
            stream.connect(http, 2000);
            stream.setSoTimeout(5000);
            stream.getOutputStream().write("GET /stream?ch=ready HTTP/1.1\r\nHost: bench\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
            byte[] head = stream.getInputStream().readNBytes(12);
            if (head.length < 12)
                throw new IOException("short answer");
            int status = Integer.parseInt(new String(head, 9, 3, StandardCharsets.US_ASCII));
            if (status != 200)
                return status;
            return publish("ready");
        }
    }

    /** Publishes a close to {@code channel}, each request on a fresh connection; the first non-2xx status, or 200. */
    private int publish(String channel) throws IOException
    {
        for (PublishBody.Request request : closePublish(List.of(channel)).requests())
        {
            try (Socket publish = new Socket())
            {
                publish.connect(control, 2000);
                publish.setSoTimeout(5000);
                publish.getOutputStream().write(request.bytes());
                byte[] answer = publish.getInputStream().readNBytes(12);
                if (answer.length < 12)
                    throw new IOException("short publish answer");
                int status = Integer.parseInt(new String(answer, 9, 3, StandardCharsets.US_ASCII));
                if (status / 100 != 2)
                    return status;
            }
        }
        return 200;
    }

    /** A blocking GET on a fresh connection; the status code. */
    static int get(InetSocketAddress address, String path) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.connect(address, 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            if (head.length < 12)
                throw new IOException("short answer");
            return Integer.parseInt(new String(head, 9, 3, StandardCharsets.US_ASCII));
        }
    }
}
