// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Directory trees the targets copy in (a jetty-base, a checkout) and clear before each start. */
final class Dirs
{
    private Dirs()
    {
    }

    /** Deletes {@code dir} and all in it, if it exists. */
    static void delete(Path dir) throws IOException
    {
        if (!Files.exists(dir))
            return;
        try (var paths = Files.walk(dir))
        {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList())
                Files.delete(p);
        }
    }

    /** Copies the tree {@code from} to {@code to}, which must not hold any of its files yet. */
    static void copy(Path from, Path to) throws IOException
    {
        try (var paths = Files.walk(from))
        {
            for (Path p : paths.toList())
            {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p))
                    Files.createDirectories(target);
                else
                    Files.copy(p, target);
            }
        }
    }
}
