// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code @fanoutio/grip} Publisher from npm, run by Node.js ({@code src/test/grip/publish.mjs}):
 * configured from a {@code GRIP_URL}, it publishes one http-stream item and prints
 * {@code published} or {@code failed <status> <body>}.
 */
public final class NodeGripPublisher
{
    private static final Path DIRECTORY = Path.of("src/test/grip");

    private NodeGripPublisher()
    {
    }

    /** Installs the pinned package from the lockfile unless it is there already. */
    public static boolean installPackage() throws IOException, InterruptedException
    {
        return NpmPackages.install(DIRECTORY, "@fanoutio/grip");
    }

    /** What the publisher printed after publishing {@code content} to {@code channel} through {@code gripUrl}. */
    public static String publish(String gripUrl, String channel, String content) throws IOException, InterruptedException
    {
        Process node = new ProcessBuilder("node", "publish.mjs", gripUrl, channel, content)
            .directory(DIRECTORY.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        String printed = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!node.waitFor(30, TimeUnit.SECONDS))
        {
            node.destroyForcibly();
            throw new AssertionError("the GRIP publisher did not finish");
        }
        return printed;
    }
}
