// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.logging.JettyLevel;
import org.eclipse.jetty.logging.JettyLogger;
import org.slf4j.LoggerFactory;

/**
 * Raises named loggers of the WAR's SLF4J provider (Jetty's) to warnings until closed, so that the
 * start-up warm-up's thousands of requests do not fill the log with lines about no client. Under
 * another provider it does nothing. Lifecycle: {@link #of}, then {@link #close()}, which puts the
 * levels back.
 */
final class QuietLogs implements AutoCloseable
{
    private record Saved(JettyLogger logger, JettyLevel level)
    {
    }

    private final List<Saved> saved;

    private QuietLogs(List<Saved> saved)
    {
        this.saved = saved;
    }

    static QuietLogs of(String... names)
    {
        List<Saved> saved = new ArrayList<>();
        for (String name : names)
        {
            if (LoggerFactory.getLogger(name) instanceof JettyLogger logger && logger.getLevel().includes(JettyLevel.INFO))
            {
                saved.add(new Saved(logger, logger.getLevel()));
                logger.setLevel(JettyLevel.WARN);
            }
        }
        return new QuietLogs(saved);
    }

    @Override
    public void close()
    {
        for (Saved each : saved)
            each.logger().setLevel(each.level());
    }
}
