// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine the benchmark runs on: what it is and what is checked out where, for the report,
 * and whether other work or a proxy still compiling keeps its cores busy, so a measured run does
 * not start in the middle of it.
 */
final class Machine
{
    private final int proxyCore;
    private final int loadCore;
    private final Scenarios.Log log;

    Machine(int proxyCore, int loadCore, Scenarios.Log log)
    {
        this.proxyCore = proxyCore;
        this.loadCore = loadCore;
        this.log = log;
    }

    /** The proxy's CPU use over one second without load, in percent of a core (JIT compilation, timers). */
    static double idleCpu(Proxy proxy)
    {
        long ticks = proxy.cpuTicks();
        Waits.sleep(1000);
        return proxy.cpuTicks() - ticks;
    }

    /**
     * On a shared machine, waits (up to 30 s) until both cores are nearly idle before a measured
     * run, so another job's burst does not land in the middle of it. Says so when it waited.
     */
    void awaitQuiet()
    {
        int cores = Math.max(proxyCore, loadCore) + 1;
        long start = System.nanoTime();
        while (true)
        {
            CoreLoad before = CoreLoad.now(cores);
            Waits.sleep(500);
            CoreLoad after = CoreLoad.now(cores);
            double busy = Math.max(after.busySince(before, proxyCore), after.busySince(before, loadCore));
            long waited = (System.nanoTime() - start) / 1_000_000_000L;
            if (Double.isNaN(busy) || busy < 20)
            {
                if (waited > 0)
                    log.line("  (waited " + waited + " s for other work on the machine to quiet down)");
                return;
            }
            if (waited >= 30)
            {
                log.line(String.format(Locale.ROOT, "  (the machine is still busy with other work: %.0f%% of a core; measuring anyway)", busy));
                return;
            }
        }
    }

    /** DIR's git commit, for the report: {@code git -C DIR rev-parse --short HEAD}. */
    static String commit(Path dir)
    {
        try
        {
            Process git = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "--short", "HEAD")
                .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? out : "an unknown commit (git rev-parse: " + out + ")";
        }
        catch (IOException e)
        {
            return "an unknown commit (" + e.getMessage() + ")";
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return "an unknown commit";
        }
    }

    /** Processors, CPU model and core count, for the report. */
    static String describe()
    {
        StringBuilder out = new StringBuilder();
        out.append(Runtime.getRuntime().availableProcessors()).append(" cpu(s) available to this JVM");
        try
        {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo")))
            {
                if (line.startsWith("model name"))
                {
                    out.append(", ").append(line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
            Process nproc = new ProcessBuilder("nproc", "--all").start();
            out.append(", nproc --all ").append(new String(nproc.getInputStream().readAllBytes()).trim());
        }
        catch (IOException ignored)
        {
            // best effort
        }
        return out.toString();
    }
}
