// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.jetty.logging.JettyLogger;
import org.eclipse.jetty.logging.StdErrAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches the log lines of the WAR's own SLF4J provider (Jetty's, bundled in WEB-INF/lib): they
 * collect in memory and reach standard error together, at most {@code flushMillis} after the first
 * of them, instead of costing one system call each. Pushpin logs a line per request and per
 * published item; written one by one, those lines took a quarter of the publish API's time.
 * Thread-safe. Lifecycle: {@link #install} when Holdfast starts, {@link #close()} (which writes
 * what is pending and puts the unbuffered stream back) when it stops.
 */
final class LogBatching implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast");
    // Under a full publish load it fills within milliseconds; one write per 64 kB of lines is
    // already a small part of that load, and the buffer stays out of the humongous-object range.
    static final int BUFFER_BYTES = 64 * 1024;
    // Guards which stream an appender prints to, across the Holdfast instances of one JVM.
    private static final Object INSTALLING = new Object();

    private final StdErrAppender appender;
    private final PrintStream stream;
    private final Batch batch;

    private LogBatching(StdErrAppender appender, Batch batch)
    {
        this.appender = appender;
        this.batch = batch;
        this.stream = new LineStream(batch);
    }

    /**
     * What the appender prints to: each line is encoded at once and handed to the batch in one
     * piece, skipping PrintStream's writer chain, which cost as much as formatting the line.
     */
    private static final class LineStream extends PrintStream
    {
        // Copied to standard error as bytes, so encoded in its default charset.
        private static final Charset CHARSET = Charset.defaultCharset();
        private static final String NEWLINE = System.lineSeparator();

        LineStream(Batch batch)
        {
            super(batch, false, CHARSET);
        }

        @Override
        public void println(Object line)
        {
            byte[] bytes = (line + NEWLINE).getBytes(CHARSET);
            write(bytes, 0, bytes.length);
        }

        @Override
        public void println(String line)
        {
            println((Object)line);
        }
    }

    /**
     * Batches the provider's output when it is Jetty's standard-error appender left at its default;
     * otherwise (another provider, a stream someone configured, {@code flushMillis} 0, or another
     * Holdfast in this JVM already batching) leaves logging alone and returns null.
     */
    static LogBatching install(long flushMillis, ScheduledExecutorService timer)
    {
        if (!(LOG instanceof JettyLogger logger) || !(logger.getAppender() instanceof StdErrAppender appender))
            return null;
        // Looked up at each flush: a container may swap System.err (Tomcat does, to capture output).
        return install(appender, flushMillis, timer, () -> System.err);
    }

    static LogBatching install(StdErrAppender appender, long flushMillis, ScheduledExecutorService timer,
                               Supplier<PrintStream> target)
    {
        if (flushMillis <= 0)
            return null;
        synchronized (INSTALLING)
        {
            if (appender.getStream() != null)
                return null;
            LogBatching batching = new LogBatching(appender, new Batch(flushMillis, timer, target));
            appender.setStream(batching.stream);
            return batching;
        }
    }

    @Override
    public void close()
    {
        synchronized (INSTALLING)
        {
            if (appender.getStream() == stream)
                appender.setStream(null);
        }
        batch.flush();
    }

    /**
     * The buffer behind {@link #stream}: the first line into an empty buffer schedules its flush;
     * a line that does not fit flushes what is there first, so a line reaches standard error whole.
     */
    private static final class Batch extends OutputStream
    {
        private final long flushMillis;
        private final ScheduledExecutorService timer;
        private final Supplier<PrintStream> target;
        private final byte[] buffer = new byte[BUFFER_BYTES];
        private int count;

        Batch(long flushMillis, ScheduledExecutorService timer, Supplier<PrintStream> target)
        {
            this.flushMillis = flushMillis;
            this.timer = timer;
            this.target = target;
        }

        @Override
        public void write(int b)
        {
            write(new byte[]{(byte)b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length)
        {
            if (length > buffer.length - count)
                flush();
            if (length >= buffer.length)
            {
                send(bytes, offset, length);
                return;
            }
            boolean first = count == 0;
            System.arraycopy(bytes, offset, buffer, count, length);
            count += length;
            if (first)
                scheduleFlush();
        }

        private void scheduleFlush()
        {
            try
            {
                timer.schedule(this::flush, flushMillis, TimeUnit.MILLISECONDS);
            }
            catch (RejectedExecutionException stopping)
            {
                flush();
            }
        }

        @Override
        public synchronized void flush()
        {
            if (count == 0)
                return;
            send(buffer, 0, count);
            count = 0;
        }

        private void send(byte[] bytes, int offset, int length)
        {
            PrintStream out = target.get();
            out.write(bytes, offset, length);
            out.flush();
        }
    }
}
