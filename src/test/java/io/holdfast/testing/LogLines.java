// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The lines this JVM writes to standard error, where Holdfast's log goes, kept for tests to assert
 * on. {@link #install()} tees {@code System.err} once for the whole JVM (the output still reaches
 * the console) and is never undone, since test classes run at the same time: a test looks for lines
 * that name something only it uses, such as a path. Holdfast writes its lines in batches
 * ({@code holdfast.log.flush}), so a line is awaited rather than expected at once. Thread-safe.
 */
public final class LogLines
{
    private static final int KEPT = 20_000;
    private static final Deque<String> LINES = new ArrayDeque<>();
    private static boolean installed;

    private LogLines()
    {
    }

    /** Starts keeping what is written to standard error from now on; later calls do nothing. */
    public static synchronized void install()
    {
        if (installed)
            return;
        installed = true;
        PrintStream original = System.err;
        System.setErr(new PrintStream(new Tee(original), true, Charset.defaultCharset()));
    }

    /** The lines kept so far that contain every one of {@code fragments}. */
    public static List<String> matching(String... fragments)
    {
        List<String> found = new ArrayList<>();
        synchronized (LINES)
        {
            for (String line : LINES)
            {
                if (Arrays.stream(fragments).allMatch(line::contains))
                    found.add(line);
            }
        }
        return found;
    }

    /** The first line containing every one of {@code fragments}, waiting up to five seconds for it. */
    public static String await(String... fragments)
    {
        List<String> found = new ArrayList<>();
        Await.until("a log line with " + Arrays.toString(fragments), Duration.ofSeconds(5), () ->
        {
            found.addAll(matching(fragments));
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private static void keep(String line)
    {
        synchronized (LINES)
        {
            if (LINES.size() == KEPT)
                LINES.removeFirst();
            LINES.addLast(line);
        }
    }

    /** Passes everything on and cuts it into lines. */
    private static final class Tee extends OutputStream
    {
        private final PrintStream original;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Tee(PrintStream original)
        {
            this.original = original;
        }

        @Override
        public void write(int b)
        {
            write(new byte[]{(byte)b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length)
        {
            original.write(bytes, offset, length);
            for (int i = offset; i < offset + length; i++)
            {
                if (bytes[i] == '\n')
                {
                    keep(line.toString(Charset.defaultCharset()).stripTrailing());
                    line.reset();
                }
                else
                    line.write(bytes[i]);
            }
        }

        @Override
        public void flush()
        {
            original.flush();
        }
    }
}
