// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns, once, when the WAR runs on a Jetty whose HTTP/1.1 connections use Jetty's own response
 * generator: it sends a chunk's closing CRLF only with the next write, so strict clients (Python's
 * requests and urllib3) get every streamed message one write late. jetty-base and
 * {@code mvn jetty:run} install Holdfast's connection factory (holdfast-jetty.jar), which sends
 * whole chunks; a Jetty configured by hand may not. The WAR cannot link against Jetty's server
 * classes, so the connection is found reflectively, from the first response that streams. Tomcat
 * sends whole chunks itself. Thread-safe.
 */
final class ChunkFraming
{
    private static final Logger LOG = LoggerFactory.getLogger(ChunkFraming.class);
    private static final String JETTY_GENERATOR = "org.eclipse.jetty.http.HttpGenerator";
    private static final AtomicBoolean CHECKED = new AtomicBoolean();

    private ChunkFraming()
    {
    }

    /** Looks at the connection {@code request} came on, the first time it is an HTTP/1.1 one on Jetty. */
    static void checkOnce(ServletRequest request)
    {
        if (CHECKED.get() || !"HTTP/1.1".equals(request.getProtocol())
            || !request.getClass().getName().startsWith("org.eclipse.jetty.") || !CHECKED.compareAndSet(false, true))
            return;
        try
        {
            if (JETTY_GENERATOR.equals(generatorOf(request)))
                LOG.warn("this Jetty's HTTP/1.1 listener uses Jetty's own connection factory, which sends a chunk's closing "
                    + "CRLF only with the next write: strict clients (Python's requests) get each streamed message one "
                    + "write late, and a held client that leaves is noticed only at the next write to it. Give the listener "
                    + "io.holdfast.jetty.HoldfastConnectionFactory from holdfast-jetty.jar, as jetty-base/etc/holdfast-connectors.xml "
                    + "does (see docs/wire.md)");
        }
        catch (ReflectiveOperationException | RuntimeException unknown)
        {
            LOG.debug("cannot tell how this container frames chunks", unknown);
        }
    }

    // Jetty 12: the servlet request's core request, its connection, that connection's generator.
    private static String generatorOf(ServletRequest request) throws ReflectiveOperationException
    {
        Object core = request.getClass().getMethod("getRequest").invoke(request);
        ClassLoader jetty = core.getClass().getClassLoader();
        Object metaData = jetty.loadClass("org.eclipse.jetty.server.Request").getMethod("getConnectionMetaData").invoke(core);
        Object connection = jetty.loadClass("org.eclipse.jetty.server.ConnectionMetaData").getMethod("getConnection")
            .invoke(metaData);
        Method generator = connection.getClass().getMethod("getGenerator");
        return generator.invoke(connection).getClass().getName();
    }
}
