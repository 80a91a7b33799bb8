// SPDX-License-Identifier: Apache-2.0
package io.holdfast.net;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How many client connections Holdfast lets in at once: {@code holdfast.client.maxconn}, or by
 * default the process's descriptor limit ({@code ulimit -n}) less a reserve. A process that runs
 * out of descriptors fails wherever it next needs one, not only in accepting: a class loaded from
 * the webapp's classes directory, an origin connection, a log file. Past the limit new clients
 * wait in the accept queue, and the reserve is left for origin connections, the JVM's own files
 * and the control port. Pure functions; the JVM's limit is read once per call.
 */
public final class DescriptorBudget
{
    /** The setting's value that asks for the derived limit. */
    public static final String AUTO = "auto";
    /** Kept back however low the descriptor limit: the JVM and the containers' jars take about 150. */
    static final long MIN_RESERVE = 256;
    /** Kept back of a high limit: one descriptor in ten, for origin connections above all. */
    static final int RESERVE_SHARE = 10;
    /** Of the reserve, what the JVM, the containers' jars, logs and the control port may use. */
    static final long JVM_SHARE = 128;
    static final int MIN_ORIGIN = 64;
    static final int MAX_ORIGIN = 32768;

    private DescriptorBudget()
    {
    }

    /**
     * The client connection limit {@code setting} asks for, given the process's descriptor limit
     * {@code maxDescriptors} (-1 when unknown): a positive number as given, {@value #AUTO} (or
     * empty) derived, 0 no limit. Throws IllegalArgumentException for anything else, naming the setting.
     */
    public static int clientLimit(String setting, long maxDescriptors)
    {
        String value = setting == null ? "" : setting.trim();
        if (value.isEmpty() || value.equalsIgnoreCase(AUTO))
            return derived(maxDescriptors);
        try
        {
            int limit = Integer.parseInt(value);
            if (limit >= 0)
                return limit;
        }
        catch (NumberFormatException e)
        {
            // reported below, with the rest
        }
        throw new IllegalArgumentException("holdfast.client.maxconn must be a number of connections, 0 (no limit) or "
            + AUTO + ", not '" + setting + "'");
    }

    /** The limit derived from a descriptor limit: that less its reserve; 0 (none) when it is unknown. */
    static int derived(long maxDescriptors)
    {
        if (maxDescriptors <= 0)
            return 0;
        long reserve = Math.max(MIN_RESERVE, maxDescriptors / RESERVE_SHARE);
        return (int)Math.min(Integer.MAX_VALUE, Math.max(1, maxDescriptors - reserve));
    }

    /**
     * Connections to one origin open at once, so that clients and origins together stay within the
     * descriptor limit: what the client limit leaves of it, less {@value #JVM_SHARE} for the JVM,
     * between {@value #MIN_ORIGIN} and {@value #MAX_ORIGIN}. Each proxied request holds one while its
     * origin answers (a relayed stream for as long as it streams); the rest wait for one.
     */
    public static int originConnections(int clientLimit, long maxDescriptors)
    {
        if (maxDescriptors <= 0)
            return MAX_ORIGIN;
        long clients = clientLimit > 0 ? clientLimit : derived(maxDescriptors);
        return (int)Math.max(MIN_ORIGIN, Math.min(MAX_ORIGIN, maxDescriptors - clients - JVM_SHARE));
    }

    /** How the limit was arrived at, for the log line that states it. */
    public static String describe(String setting, long maxDescriptors)
    {
        int limit = clientLimit(setting, maxDescriptors);
        String value = setting == null ? "" : setting.trim();
        boolean auto = value.isEmpty() || value.equalsIgnoreCase(AUTO);
        if (limit == 0)
            return auto ? "no limit (holdfast.client.maxconn=auto and the descriptor limit is unknown)"
                : "no limit (holdfast.client.maxconn=0)";
        return limit + (auto ? " (holdfast.client.maxconn=auto: descriptor limit " + maxDescriptors + " less "
            + (maxDescriptors - limit) + " reserved)" : " (holdfast.client.maxconn)");
    }

    /** The process's descriptor limit, as the JVM raised it at start; -1 where the JVM cannot tell (not Unix). */
    public static long maxDescriptors()
    {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix)
            return unix.getMaxFileDescriptorCount();
        return -1;
    }

    /** The process's open descriptors; -1 where the JVM cannot tell. */
    public static long openDescriptors()
    {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix)
            return unix.getOpenFileDescriptorCount();
        return -1;
    }
}
