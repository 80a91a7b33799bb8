// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;

/**
 * The socket a request came on, on Tomcat's NIO connector (the default of Tomcat 10.1 and 11),
 * which has no API for it: request facade, Catalina request, Coyote request, its processor, the
 * processor's socket wrapper, the NIO channel. Found reflectively because the WAR cannot link
 * against Tomcat; the members are looked up once. Null on any other container or connector, or
 * when Tomcat's internals turn out otherwise. Thread-safe.
 */
final class TomcatSockets
{
    private static final String FACADE = "org.apache.catalina.connector.RequestFacade";

    private record Path(Field facadeRequest, Method coyoteRequest, Field hook, Method socketWrapper, Method socket)
    {
    }

    private static volatile Path path;
    // NioChannel, or its TLS subclass: getIOChannel() is the SocketChannel (NIO2's channels have none).
    private static final ClassValue<Method> IO_CHANNEL = new ClassValue<>()
    {
        @Override
        protected Method computeValue(Class<?> type)
        {
            try
            {
                return type.getMethod("getIOChannel");
            }
            catch (NoSuchMethodException none)
            {
                return null;
            }
        }
    };

    private TomcatSockets()
    {
    }

    /** True when {@code request} is Tomcat's. */
    static boolean isTomcat(ServletRequest request)
    {
        return unwrap(request).getClass().getName().equals(FACADE);
    }

    /** The channel {@code request} came on, or null. */
    static SocketChannel channelOf(ServletRequest request) throws ReflectiveOperationException
    {
        Object facade = unwrap(request);
        Path known = path;
        if (known == null)
            path = known = find(facade.getClass());
        Object catalina = known.facadeRequest().get(facade);
        Object coyote = known.coyoteRequest().invoke(catalina);
        Object processor = known.hook().get(coyote);
        Object wrapper = known.socketWrapper().invoke(processor);
        Object socket = wrapper == null ? null : known.socket().invoke(wrapper);
        Method ioChannel = socket == null ? null : IO_CHANNEL.get(socket.getClass());
        return ioChannel != null && ioChannel.invoke(socket) instanceof SocketChannel channel ? channel : null;
    }

    private static Path find(Class<?> facade) throws ReflectiveOperationException
    {
        Field facadeRequest = accessible(facade.getDeclaredField("request"));
        Method coyoteRequest = facadeRequest.getType().getMethod("getCoyoteRequest");
        Field hook = accessible(coyoteRequest.getReturnType().getDeclaredField("hook"));
        ClassLoader tomcat = facade.getClassLoader();
        Class<?> processor = Class.forName("org.apache.coyote.AbstractProcessor", false, tomcat);
        Method socketWrapper = processor.getDeclaredMethod("getSocketWrapper");
        socketWrapper.setAccessible(true);
        Method socket = socketWrapper.getReturnType().getMethod("getSocket");
        return new Path(facadeRequest, coyoteRequest, hook, socketWrapper, socket);
    }

    private static Field accessible(Field field)
    {
        field.setAccessible(true);
        return field;
    }

    private static Object unwrap(ServletRequest request)
    {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper)
            inner = wrapper.getRequest();
        return inner;
    }
}
