// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.zmq;

import java.util.Locale;

/** What a bound ZeroMQ endpoint is open to. Pure. */
final class ZmqEndpoints
{
    private ZmqEndpoints()
    {
    }

    /**
     * True when only this host can reach {@code endpoint}: an {@code ipc://} or {@code inproc://}
     * one, or {@code tcp://} on a loopback address or {@code localhost}. A wildcard ({@code *},
     * {@code 0.0.0.0}) or any other address is reachable from beyond.
     */
    static boolean isLoopback(String endpoint)
    {
        String lower = endpoint.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ipc://") || lower.startsWith("inproc://"))
            return true;
        if (!lower.startsWith("tcp://"))
            return false;
        String hostPort = lower.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]"))
            host = host.substring(1, host.length() - 1);
        return host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }
}
