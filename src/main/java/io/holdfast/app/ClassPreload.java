// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads every Holdfast class at start. A class is read from its file the first time it is needed,
 * and from the webapp's classes directory that opens a file: at a moment when the process is out of
 * descriptors the read fails, and the JVM remembers the failure, so that class (an error path's, say)
 * stays unloadable for the life of the process and every request that needs it fails with
 * {@code NoClassDefFoundError}. Loaded here, each needs no file again. Loading is not initialising:
 * no static state is touched. A few hundred classes, in tens of milliseconds.
 */
final class ClassPreload
{
    private static final String PACKAGE = "io/holdfast/";
    // Container code, on the server's class path; with `mvn jetty:run` it shares target/classes.
    private static final String CONTAINER_PACKAGE = PACKAGE + "jetty/";

    private ClassPreload()
    {
    }

    /** Loads the classes beside {@code anchor} (its classes directory or jar); returns how many. */
    static int loadAll(Class<?> anchor) throws IOException
    {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null)
            return 0;
        List<String> names = classNames(source.getLocation());
        ClassLoader loader = anchor.getClassLoader();
        int loaded = 0;
        for (String name : names)
        {
            try
            {
                Class.forName(name, false, loader);
                loaded++;
            }
            catch (ClassNotFoundException | LinkageError unusable)
            {
                // would fail the same way when first needed; loading it is not this class's business
            }
        }
        return loaded;
    }

    static List<String> classNames(URL location) throws IOException
    {
        Path path;
        try
        {
            path = Path.of(URI.create(location.toString()).normalize());
        }
        catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException notAFile)
        {
            return List.of();
        }
        if (Files.isDirectory(path))
        {
            Path root = path;
            try (Stream<Path> walk = Files.walk(root.resolve(PACKAGE)))
            {
                return walk.map(root::relativize).map(Path::toString).map(p -> p.replace('\\', '/'))
                    .filter(ClassPreload::isClass).map(ClassPreload::className).toList();
            }
        }
        try (JarFile jar = new JarFile(path.toFile()))
        {
            return jar.stream().map(JarEntry::getName).filter(ClassPreload::isClass).map(ClassPreload::className).toList();
        }
    }

    private static boolean isClass(String entry)
    {
        return entry.startsWith(PACKAGE) && !entry.startsWith(CONTAINER_PACKAGE) && entry.endsWith(".class");
    }

    private static String className(String entry)
    {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }
}
