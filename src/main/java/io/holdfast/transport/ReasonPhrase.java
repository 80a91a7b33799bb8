// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.servlet.ServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a custom reason phrase ({@code HTTP/1.1 404 Nope}) where the container allows it. Servlet 6
 * has no API for reason phrases, but Pushpin relays them and {@code Grip-Status} sets them. On Jetty
 * 12 the request's core {@code HttpStream} is wrapped (reflectively: the WAR cannot link against
 * Jetty's server classes) so the committed response metadata carries the reason; on other
 * containers the standard phrase is sent (Tomcat sends none at all). Thread-safe.
 */
public final class ReasonPhrase
{
    private static final Logger LOG = LoggerFactory.getLogger(ReasonPhrase.class);
    private static volatile JettyHooks hooks;
    private static volatile boolean unsupported;

    private ReasonPhrase()
    {
    }

    /**
     * Arranges for {@code reason} to be sent with the response to {@code request}; call before the
     * response is committed. CR and LF are replaced so a reason cannot inject header lines.
     */
    public static void set(ServletRequest request, String reason)
    {
        if (unsupported)
            return;
        String safe = reason.replace('\r', ' ').replace('\n', ' ');
        try
        {
            JettyHooks jetty = hooks(request);
            if (jetty != null)
                jetty.wrap(request, safe);
        }
        catch (ReflectiveOperationException | RuntimeException e)
        {
            unsupported = true;
            LOG.info("custom reason phrases are not supported by this container; standard phrases are sent ({})", e.toString());
        }
    }

    private static JettyHooks hooks(ServletRequest request) throws ReflectiveOperationException
    {
        JettyHooks current = hooks;
        if (current != null)
            return current;
        // Jetty 12's ServletApiRequest.getRequest() returns the core org.eclipse.jetty.server.Request.
        if (!request.getClass().getName().startsWith("org.eclipse.jetty."))
        {
            unsupported = true;
            return null;
        }
        Method coreRequest = request.getClass().getMethod("getRequest");
        Object core = coreRequest.invoke(request);
        ClassLoader loader = core.getClass().getClassLoader();
        Class<?> streamType = loader.loadClass("org.eclipse.jetty.server.HttpStream");
        Class<?> metaResponse = loader.loadClass("org.eclipse.jetty.http.MetaData$Response");
        Class<?> version = loader.loadClass("org.eclipse.jetty.http.HttpVersion");
        Class<?> fields = loader.loadClass("org.eclipse.jetty.http.HttpFields");
        current = new JettyHooks(
            coreRequest,
            core.getClass().getMethod("addHttpStreamWrapper", Function.class),
            streamType,
            metaResponse.getConstructor(int.class, String.class, version, fields, long.class, Supplier.class),
            metaResponse.getMethod("getStatus"),
            metaResponse.getMethod("getHttpVersion"),
            metaResponse.getMethod("getHttpFields"),
            metaResponse.getMethod("getContentLength"),
            metaResponse.getMethod("getTrailersSupplier"));
        hooks = current;
        return current;
    }

    private record JettyHooks(Method coreRequest, Method addWrapper, Class<?> streamType, Constructor<?> newResponse,
                              Method status, Method version, Method fields, Method contentLength, Method trailers)
    {
        void wrap(ServletRequest request, String reason) throws ReflectiveOperationException
        {
            Object core = coreRequest.invoke(request);
            Function<Object, Object> wrapper = stream -> Proxy.newProxyInstance(
                streamType.getClassLoader(), new Class<?>[]{streamType}, (proxy, method, args) ->
                {
                    // send(MetaData.Request, MetaData.Response, boolean, ByteBuffer, Callback): the response
                    // metadata is non-null only on the call that commits the status line.
                    if (args != null && args.length == 5 && "send".equals(method.getName()) && args[1] != null)
                        args[1] = withReason(args[1], reason);
                    try
                    {
                        return method.invoke(stream, args);
                    }
                    catch (InvocationTargetException e)
                    {
                        throw e.getCause();
                    }
                });
            addWrapper.invoke(core, wrapper);
        }

        private Object withReason(Object response, String reason) throws ReflectiveOperationException
        {
            return newResponse.newInstance(status.invoke(response), reason, version.invoke(response),
                fields.invoke(response), contentLength.invoke(response), trailers.invoke(response));
        }
    }
}
