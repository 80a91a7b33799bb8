// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.eclipse.jetty.logging.JettyLoggerConfiguration;
import org.eclipse.jetty.logging.StdErrAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogBatchingTest
{
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final StdErrAppender appender = new StdErrAppender(new JettyLoggerConfiguration());
    private final Writes writes = new Writes();
    private final PrintStream target = new PrintStream(writes, true, StandardCharsets.UTF_8);

    /** Records each write that reaches the real stream. */
    private static final class Writes extends OutputStream
    {
        final List<String> calls = new ArrayList<>();

        @Override
        public synchronized void write(int b)
        {
            calls.add(String.valueOf((char)b));
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length)
        {
            calls.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }

        synchronized List<String> calls()
        {
            return List.copyOf(calls);
        }
    }

    @AfterEach
    void stopTimer()
    {
        timer.shutdownNow();
    }

    private LogBatching install(long flushMillis)
    {
        return LogBatching.install(appender, flushMillis, timer, () -> target);
    }

    @Test
    void linesWaitInMemoryAndGoOutTogetherInOneWrite()
    {
        LogBatching batching = install(60_000);
        assertNotNull(batching);
        appender.getStream().println("first line");
        appender.getStream().println("second line");
        assertEquals(List.of(), writes.calls());
        batching.close();
        assertEquals(List.of("first line\nsecond line\n"), writes.calls());
        assertNull(appender.getStream(), "the appender writes to standard error unbuffered again");
    }

    @Test
    void pendingLinesAreWrittenWhenTheirFlushIsDue() throws InterruptedException
    {
        LogBatching batching = install(1);
        appender.getStream().println("soon");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (writes.calls().isEmpty() && System.nanoTime() < deadline)
            Thread.onSpinWait();
        assertEquals(List.of("soon\n"), writes.calls());
        batching.close();
        assertEquals(List.of("soon\n"), writes.calls(), "nothing is written twice");
    }

    @Test
    void aLineLargerThanTheBufferGoesOutInOrderWithoutWaiting()
    {
        LogBatching batching = install(60_000);
        String big = "x".repeat(2 * LogBatching.BUFFER_BYTES);
        appender.getStream().println("before");
        appender.getStream().println(big);
        assertTrue(String.join("", writes.calls()).length() >= LogBatching.BUFFER_BYTES,
            "the buffer never holds more than its size");
        batching.close();
        assertEquals("before\n" + big + "\n", String.join("", writes.calls()), "nothing lost, nothing reordered");
    }

    @Test
    void linesNeverSplitWhenTheBufferFills()
    {
        LogBatching batching = install(60_000);
        String line = "y".repeat(999);
        int lines = 3 * LogBatching.BUFFER_BYTES / 1000;
        for (int i = 0; i < lines; i++)
            appender.getStream().println(line);
        batching.close();
        List<String> calls = writes.calls();
        assertTrue(calls.size() >= 3, "flushed as the buffer filled: " + calls.size() + " writes");
        for (String call : calls)
            assertEquals(0, call.length() % 1000, "whole lines in each write");
        assertEquals(lines * 1000, calls.stream().mapToInt(String::length).sum());
    }

    @Test
    void aConfiguredStreamOrAZeroIntervalLeavesLoggingAlone()
    {
        assertNull(install(0));
        assertNull(appender.getStream());

        appender.setStream(target);
        assertNull(install(50));
        assertSame(target, appender.getStream());
    }

    @Test
    void onlyOneBatchingPerAppenderAndCloseRestoresOnlyItsOwn()
    {
        LogBatching first = install(60_000);
        PrintStream batched = appender.getStream();
        assertNull(install(60_000), "a second Holdfast in the JVM shares the first one's batching");
        first.close();
        assertNull(appender.getStream());
        LogBatching again = install(60_000);
        assertNotNull(again);
        first.close();
        assertNotNull(appender.getStream(), "closing the old batching leaves the new one in place");
        again.close();
        assertTrue(batched != appender.getStream());
    }
}
