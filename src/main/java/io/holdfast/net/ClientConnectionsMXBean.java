// SPDX-License-Identifier: Apache-2.0
package io.holdfast.net;

/**
 * The client listener's connection limit as the container enforces it, published in the platform
 * MBean server under {@link #objectName(int)}: the container code (Holdfast's Jetty connection
 * factory) and the webapp are loaded by different class loaders, and JMX is what both can see.
 * The webapp reads it for {@code /metrics} by attribute name, without linking to this interface.
 */
public interface ClientConnectionsMXBean
{
    /** The name for the listener on {@code port}. */
    static String objectName(int port)
    {
        return "io.holdfast:type=ClientConnections,port=" + port;
    }

    /** Connections let in at once; 0 is no limit. */
    int getLimit();

    /** Connections open now, counted from their accept to their close. */
    int getOpen();

    /** Times the limit was reached, and new connections were left waiting in the accept queue. */
    long getLimitReached();
}
