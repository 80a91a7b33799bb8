// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.route.ParsedRoutes;
import io.holdfast.route.RouteTable;
import io.holdfast.route.RoutesException;
import io.holdfast.route.RoutesParser;

/**
 * The current routing table. Routes come from a file (re-read when its modification time or size
 * changes, checked by {@link #reloadIfChanged()}), from inline text, or default to Pushpin's
 * {@code * test}. A bad file at start-up is an error naming file and line; a bad reload keeps the
 * old table and logs why. Thread-safe: readers see one whole table or the next.
 */
final class RoutesSource implements Supplier<RouteTable>
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.routes");
    static final String DEFAULT_ROUTES = "* test\n";

    private final Path file;
    private volatile RouteTable table;
    private FileStamp loadedStamp;

    private RoutesSource(Path file, RouteTable table, FileStamp stamp)
    {
        this.file = file;
        this.table = table;
        this.loadedStamp = stamp;
    }

    /** Loads routes from {@code file} when non-empty, else {@code inline}, else the default. */
    static RoutesSource load(String file, String inline) throws RoutesException, IOException
    {
        if (!file.isEmpty())
        {
            Path path = Path.of(file);
            FileStamp stamp = FileStamp.of(path);
            RouteTable table = parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
            return new RoutesSource(path, table, stamp);
        }
        String text = inline.isBlank() ? DEFAULT_ROUTES : inline.replace("\\n", "\n");
        return new RoutesSource(null, parse(text, inline.isBlank() ? "default routes" : "holdfast.routes"), null);
    }

    @Override
    public RouteTable get()
    {
        return table;
    }

    /** Re-reads the routes file if it changed since it was last read; no-op for inline routes. */
    synchronized void reloadIfChanged()
    {
        if (file == null)
            return;
        FileStamp stamp;
        try
        {
            stamp = FileStamp.of(file);
        }
        catch (IOException e)
        {
            if (loadedStamp != null)
                LOG.warn("unable to open routes file: {}; keeping the previous routes", file);
            loadedStamp = null;
            return;
        }
        if (stamp.equals(loadedStamp))
            return;
        loadedStamp = stamp;
        LOG.info("routes file changed, reloading");
        try
        {
            table = parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        }
        catch (RoutesException | IOException e)
        {
            LOG.warn("routes file not reloaded, keeping the previous routes: {}", e.getMessage());
        }
    }

    private static RouteTable parse(String text, String source) throws RoutesException
    {
        ParsedRoutes parsed = RoutesParser.parse(text, source);
        parsed.warnings().forEach(LOG::warn);
        RouteTable table = RouteTable.of(parsed.routes());
        LOG.info("routes loaded with {} entries", table.size());
        return table;
    }

    private record FileStamp(long modifiedMillis, long size)
    {
        static FileStamp of(Path path) throws IOException
        {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileStamp(attributes.lastModifiedTime().toMillis(), attributes.size());
        }
    }
}
