// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy each core was between two snapshots of {@code /proc/stat}. Printed next to the
 * proxy's own CPU use, so a run disturbed by other work on the machine shows as a core busier
 * than the processes under test explain.
 */
final class CoreLoad
{
    private final long[] busy;
    private final long[] total;

    private CoreLoad(long[] busy, long[] total)
    {
        this.busy = busy;
        this.total = total;
    }

    static CoreLoad now(int cores)
    {
        long[] busy = new long[cores];
        long[] total = new long[cores];
        try
        {
            for (String line : Files.readAllLines(Path.of("/proc/stat")))
            {
                if (!line.startsWith("cpu") || line.startsWith("cpu "))
                    continue;
                String[] f = line.trim().split("\\s+");
                int cpu = Integer.parseInt(f[0].substring(3));
                if (cpu >= cores)
                    continue;
                long sum = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++)
                    sum += Long.parseLong(f[i]);
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                busy[cpu] = sum - idle;
                total[cpu] = sum;
            }
        }
        catch (IOException | RuntimeException ignored)
        {
            // not Linux: no figures
        }
        return new CoreLoad(busy, total);
    }

    /** Percent busy of {@code core} since {@code earlier}. */
    double busySince(CoreLoad earlier, int core)
    {
        long t = total[core] - earlier.total[core];
        return t <= 0 ? Double.NaN : 100.0 * (busy[core] - earlier.busy[core]) / t;
    }
}
