// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.testing.Await;
import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.LogLines;
import io.holdfast.testing.RawHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routes file: followed when it changes, a bad edit keeps the old table, a bad start fails. */
class RoutesReloadIT
{
    @BeforeAll
    static void keepLogLines()
    {
        LogLines.install();
    }

    @TempDir
    Path dir;

    @Test
    void aChangedFileIsFollowedAndABadEditKeepsTheOldRoutes() throws Exception
    {
        try (FakeOrigin a = new FakeOrigin(); FakeOrigin b = new FakeOrigin())
        {
            a.on("/", 200, "from a\n");
            b.on("/", 200, "from b\n");
            Path routes = dir.resolve("routes");
            Files.writeString(routes, "* 127.0.0.1:" + a.port() + "\n");
            try (HoldfastServer holdfast = HoldfastServer.start(Map.of("holdfast.routes.file", routes.toString())))
            {
                assertEquals("from a\n", fetch(holdfast));
                rewrite(routes, "# moved\n* 127.0.0.1:" + b.port() + "\n");
                Await.until("the new routes are used", Duration.ofSeconds(5), () -> fetch(holdfast).equals("from b\n"));
                rewrite(routes, "* 127.0.0.1:" + a.port() + "\nbroken.example 127.0.0.1\n");
                LogLines.await("routes file not reloaded, keeping the previous routes", routes.toString());
                assertEquals("from b\n", fetch(holdfast));
            }
        }
    }

    @Test
    void aBadFileAtStartUpFailsNamingFileAndLine() throws Exception
    {
        Path routes = dir.resolve("routes");
        Files.writeString(routes, "* test\nbroken.example 127.0.0.1\n");
        Exception failure = assertThrows(Exception.class,
            () -> HoldfastServer.start(Map.of("holdfast.routes.file", routes.toString())).close());
        Throwable cause = failure;
        while (cause.getCause() != null && !String.valueOf(cause.getMessage()).contains(routes.toString()))
            cause = cause.getCause();
        assertTrue(String.valueOf(cause.getMessage()).contains(routes + ":2: target bad format"), cause.toString());
    }

    private static String fetch(HoldfastServer holdfast)
    {
        try (RawHttp client = new RawHttp(holdfast.port()))
        {
            return client.readBody(client.get("/").readHead());
        }
        catch (Exception e)
        {
            throw new AssertionError(e);
        }
    }

    /** Writes the file and moves its timestamp on, so even a coarse clock sees a change. */
    private static void rewrite(Path file, String content) throws Exception
    {
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(1).isAfter(Instant.now())
            ? before.toInstant().plusSeconds(1) : Instant.now()));
    }
}
