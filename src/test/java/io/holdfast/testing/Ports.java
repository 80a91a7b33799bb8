// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test must name before they start (a jetty-home's listeners, a cluster's
 * endpoints). They come from below the kernel's ephemeral range: a port found free there cannot be
 * taken meanwhile by some outgoing connection of a test running in parallel, as one picked with
 * {@code new ServerSocket(0)} and closed can.
 */
public final class Ports
{
    private static final int FIRST = 28000;
    private static final int COUNT = 4500;

    private Ports()
    {
    }

    /** A loopback port nothing listens on right now. */
    public static int unused() throws IOException
    {
        int start = ThreadLocalRandom.current().nextInt(COUNT);
        for (int i = 0; i < COUNT; i++)
        {
            int port = FIRST + (start + i) % COUNT;
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress()))
            {
                return port;
            }
            catch (IOException taken)
            {
                // try the next one
            }
        }
        throw new IOException("no unused port in " + FIRST + "-" + (FIRST + COUNT - 1));
    }

    /** A ZeroMQ endpoint on an unused loopback port. */
    public static String tcpEndpoint() throws IOException
    {
        return "tcp://127.0.0.1:" + unused();
    }
}
