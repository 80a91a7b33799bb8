// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The npm packages a test runs in Node.js (the real sockjs-client, the real GRIP publisher), each
 * directory under src/test pinned by its lockfile and installed on first use, so that
 * {@code mvn verify} alone runs those tests on a fresh clone.
 */
public final class NpmPackages
{
    private NpmPackages()
    {
    }

    /** Whether a {@code node} runs here at all. */
    public static boolean nodeAvailable()
    {
        try
        {
            Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        }
        catch (IOException e)
        {
            return false;
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code npm ci} in {@code directory} unless {@code node_modules/<pkg>} is there already.
     * True when the package is installed; npm's output goes to the test's.
     */
    public static synchronized boolean install(Path directory, String pkg) throws IOException, InterruptedException
    {
        Path installed = directory.resolve("node_modules").resolve(pkg);
        if (Files.isDirectory(installed))
            return true;
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .start();
        if (!npm.waitFor(5, TimeUnit.MINUTES))
        {
            npm.destroyForcibly();
            return false;
        }
        return npm.exitValue() == 0 && Files.isDirectory(installed);
    }
}
