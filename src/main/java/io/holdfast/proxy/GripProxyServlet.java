// SPDX-License-Identifier: Apache-2.0
// Over 300 lines: it is the one subclass of Jetty's AsyncProxyServlet, so every hook Jetty calls is
// overridden here; what the hooks decide lives in GripAcceptor, OriginRetry and the rest of proxy.
package io.holdfast.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.ee10.proxy.AsyncProxyServlet;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import io.holdfast.config.Setting;
import io.holdfast.config.Settings;
import io.holdfast.format.browser.JsonpCall;
import io.holdfast.format.browser.JsonpRejected;
import io.holdfast.instruct.GripInstructionParser;
import io.holdfast.route.Route;
import io.holdfast.route.RouteTable;
import io.holdfast.route.Target;
import io.holdfast.transport.ResponseHeads;
import io.holdfast.transport.http.HoldEnvironment;
import io.holdfast.transport.http.Responses;
import io.holdfast.transport.sockjs.SockJsService;
import io.holdfast.transport.ws.WsEnvironment;
import io.holdfast.transport.ws.WsUpgrade;

/**
 * The client-facing GRIP proxy: routes each request, streams it to the origin with Jetty's
 * non-blocking proxy servlet, and looks at the origin's response head. A plain response is relayed
 * as it arrives; a GRIP response (any {@code Grip-*} header, or an instruct body) is captured and
 * handed to {@link GripAcceptor}, which answers or holds the client. Only Jetty's protected hooks
 * are overridden, and {@link #service} reads as the protocol. Thread-safe.
 */
public final class GripProxyServlet extends AsyncProxyServlet
{
    /** Init parameter: requests that may wait for a connection to their origin (Jetty's default is 1,024). */
    public static final String MAX_QUEUED = "maxRequestsQueuedPerDestination";
    private static final int POOLED_BUFFERS_PER_SIZE = 1024;
    private static final int THREAD_IDLE_MILLIS = 5000;
    private static final long POOLED_BYTES = 32L * 1024 * 1024;
    /** Pushpin's limit on a GRIP response kept in memory (a long-poll's timeout response). */
    static final int INSTRUCT_LIMIT = 100_000;
    /** A stream's first body is sent by the proxy as well; allow it more room. */
    static final int STREAM_START_LIMIT = 1_000_000;

    private final Supplier<RouteTable> routes;
    private final ProxyContext context;
    private final WsUpgrade webSockets;
    private final SockJsService sockJs;

    /**
     * @param routes the current routing table (replaced when the routes file is reloaded)
     * @param settings proxy settings (signing, forwarding, timeouts, debug)
     * @param holds what held connections share
     * @param webSocketEnv what proxied WebSockets share
     */
    public GripProxyServlet(Supplier<RouteTable> routes, Settings settings, HoldEnvironment holds, WsEnvironment webSocketEnv)
    {
        this.routes = routes;
        this.context = new ProxyContext(settings, holds, this::getHttpClient, routes);
        this.webSockets = new WsUpgrade(context, webSocketEnv);
        this.sockJs = new SockJsService(webSocketEnv, webSockets, settings.string(Setting.SOCKJS_URL),
            TimeUnit.SECONDS.toMillis(settings.number(Setting.SOCKJS_HEARTBEAT)));
    }

    @Override
    protected void service(HttpServletRequest clientRequest, HttpServletResponse clientResponse) throws IOException
    {
        String host = ProxyExchange.hostOf(clientRequest);
        boolean webSocket = WsUpgrade.isUpgrade(clientRequest);
        Optional<Route> route = routes.get().find(host, clientRequest.getRequestURI(), webSocket, clientRequest.isSecure());
        if (route.isPresent() && SockJsService.handles(route.get(), clientRequest.getRequestURI()))
        {
            // A sockjs= route serves the SockJS protocol itself, before anything else (GRIP §8.3).
            sockJs.service(clientRequest, clientResponse, route.get(), webSocket);
            return;
        }
        if (webSocket && route.isPresent())
        {
            webSockets.upgrade(clientRequest, clientResponse, route.get());
            return;
        }
        AsyncContext async = clientRequest.startAsync();
        async.setTimeout(0);
        Optional<JsonpCall> jsonp;
        try
        {
            jsonp = context.browser().prepare(clientRequest, route);
        }
        catch (JsonpRejected e)
        {
            Responses.send(async, Responses.text(400, e.getMessage() + "\n"));
            return;
        }
        if (route.isEmpty())
        {
            context.log().noRoute(clientRequest, host);
            Responses.send(async, Responses.text(502, "No route for host: " + host + "\n"));
            return;
        }
        if (ProxyExchange.sendsWebSocketEvents(clientRequest, route.get()))
        {
            // Only the proxy may speak WebSocket-over-HTTP to the origin (GRIP §7.4).
            Responses.send(async, Responses.text(403, "Client not allowed to send WebSocket events directly.\n"));
            return;
        }
        ProxyExchange exchange = new ProxyExchange(clientRequest, async, route.get(), host, context.maxRequestBody(),
            jsonp);
        clientRequest.setAttribute(ProxyExchange.ATTRIBUTE, exchange);
        sendToTarget(exchange);
    }

    private void sendToTarget(ProxyExchange exchange)
    {
        Target target = exchange.target();
        switch (target.kind())
        {
            case TEST -> context.acceptor().deliver(exchange, DemoOrigin.respond(exchange), false);
            case HOST_PORT -> sendToOrigin(exchange);
            case ZHTTP, ZHTTPREQ -> context.errors().badGateway(exchange, "zhttp targets are not supported.");
        }
    }

    private void sendToOrigin(ProxyExchange exchange)
    {
        HttpServletRequest clientRequest = exchange.clientRequest;
        Optional<String> uri = exchange.originUri();
        if (uri.isEmpty())
        {
            context.errors().badGateway(exchange, "Rewritten request path is not valid.");
            return;
        }
        long limit = context.maxRequestBody();
        if (limit > 0 && clientRequest.getContentLengthLong() > limit)
        {
            context.errors().clientFault(exchange, ClientFault.tooLarge(limit));
            return;
        }
        Request originRequest = newProxyRequest(clientRequest, uri.get()).method(exchange.originMethod())
            .attribute(ProxyExchange.ATTRIBUTE, exchange);
        originRequest.headers(headers -> context.originHeaders().fillHttp(clientRequest, exchange.route, exchange.target(),
            Map.of(), exchange.jsonp, headers));
        // No whole-exchange timeout: a plain streaming response may last for hours.
        originRequest.timeout(0, TimeUnit.MILLISECONDS);
        context.originIdleTimeout().ifPresent(ms -> originRequest.idleTimeout(ms, TimeUnit.MILLISECONDS));
        context.limitWaitForResponse(originRequest);
        if (exchange.jsonp.isPresent())
        {
            byte[] body = exchange.jsonp.get().body();
            if (body.length > 0)
                originRequest.body(ClientBody.fixed(body));
        }
        else if (hasContent(clientRequest))
            originRequest.body(exchange.body.newSource(originRequest));
        sendProxyRequest(clientRequest, (HttpServletResponse)exchange.async.getResponse(), originRequest);
    }

    @Override
    protected void onServerResponseHeaders(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
                                           Response serverResponse)
    {
        ProxyExchange exchange = ProxyExchange.of(serverResponse);
        if (exchange.clientEnded())
        {
            serverResponse.abort(new EofException("the client has gone"));
            return;
        }
        var originHeaders = OriginCapture.fields(serverResponse.getHeaders());
        if (!exchange.route.options().noGrip() && GripInstructionParser.isGrip(originHeaders))
        {
            // Nothing reaches the client until the instructions are read.
            boolean stream = "stream".equalsIgnoreCase(serverResponse.getHeaders().get("Grip-Hold"));
            exchange.capture = new OriginCapture(serverResponse.getStatus(), serverResponse.getReason(), originHeaders,
                stream ? STREAM_START_LIMIT : INSTRUCT_LIMIT);
            return;
        }
        if (exchange.jsonp.isPresent())
        {
            BrowserFeatures.startJsonp(exchange, proxyResponse, serverResponse, originHeaders);
            return;
        }
        RelayedHeaders.copy(serverResponse.getHeaders(), HOP_HEADERS, proxyResponse);
        String reason = serverResponse.getReason();
        if (reason != null)
            ResponseHeads.setStatus(clientRequest, proxyResponse, serverResponse.getStatus(), reason);
        BrowserFeatures.addCorsHeaders(clientRequest, proxyResponse);
    }

    @Override
    protected void onResponseContent(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
                                     Response serverResponse, byte[] buffer, int offset, int length, Callback callback)
    {
        ProxyExchange exchange = ProxyExchange.of(serverResponse);
        if (exchange.clientEnded())
        {
            // Nothing of it may touch the client's request: the container may have handed it to another client.
            callback.failed(new EofException("the client has gone"));
            return;
        }
        if (exchange.capture == null && exchange.jsonpStream == null)
        {
            exchange.relayed += length;
            super.onResponseContent(clientRequest, proxyResponse, serverResponse, buffer, offset, length, callback);
        }
        else if (exchange.jsonpStream != null)
        {
            exchange.relayed += length;
            byte[] wrapped = exchange.jsonpStream.chunk(buffer, offset, length);
            if (wrapped.length == 0)
                callback.succeeded();
            else
                super.onResponseContent(clientRequest, proxyResponse, serverResponse, wrapped, 0, wrapped.length, callback);
        }
        else if (exchange.capture.append(buffer, offset, length))
            callback.succeeded();
        else
            callback.failed(new ExchangeFailures.InstructTooLarge());
    }

    @Override
    protected void onProxyResponseSuccess(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
                                          Response serverResponse)
    {
        ProxyExchange exchange = ProxyExchange.of(serverResponse);
        if (exchange.clientEnded())
            return;
        if (exchange.capture != null)
        {
            // What the hold needs of the captured response it takes now: kept, the capture would
            // cost each held request its origin's headers and body for as long as it is held.
            OriginCapture capture = exchange.capture;
            exchange.capture = null;
            // A hold adopts the AsyncContext: do not let Jetty complete it.
            context.acceptor().deliver(exchange, capture, false);
            return;
        }
        if (exchange.jsonpStream != null)
        {
            byte[] end = exchange.jsonpStream.end();
            super.onResponseContent(clientRequest, proxyResponse, serverResponse, end, 0, end.length, Callback.from(
                () -> relayed(exchange, proxyResponse, serverResponse),
                failure -> super.onProxyResponseFailure(clientRequest, proxyResponse, serverResponse, failure)));
            return;
        }
        relayed(exchange, proxyResponse, serverResponse);
    }

    private void relayed(ProxyExchange exchange, HttpServletResponse proxyResponse, Response serverResponse)
    {
        HttpServletRequest clientRequest = exchange.clientRequest;
        context.log().relayed(exchange, serverResponse.getStatus(), exchange.relayed);
        super.onProxyResponseSuccess(clientRequest, proxyResponse, serverResponse);
    }

    @Override
    protected void onProxyResponseFailure(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
                                          Response serverResponse, Throwable failure)
    {
        ProxyExchange exchange = ProxyExchange.of(serverResponse);
        if (exchange.clientEnded())
        {
            context.log().failed(exchange, failure);
            return;
        }
        Optional<ClientFault> clientFault = ClientFault.of(failure);
        if (clientFault.isEmpty() && ExchangeFailures.isIdleTimeout(failure) && exchange.body.waitingForClient())
        {
            // The origin connection idled only because the client's body stalled: its idle timeout
            // and the client connection's race, and whichever fires first, the fault is the client's.
            clientFault = Optional.of(ClientFault.stalled(failure));
        }
        if (clientFault.isPresent())
        {
            // The client's own request failed, and the origin request was aborted with it.
            context.errors().clientFailed(exchange, proxyResponse, serverResponse.getStatus(), clientFault.get());
            return;
        }
        // Status 0: not a byte of the response arrived, so the origin may not have seen the request at all.
        if (serverResponse.getStatus() == 0 && exchange.capture == null && !proxyResponse.isCommitted()
            && ExchangeFailures.isConnectionLost(failure) && exchange.resendAfterLostConnection())
        {
            context.log().resent(exchange, failure);
            sendToTarget(exchange);
            return;
        }
        boolean connectFailed = ExchangeFailures.isConnectFailure(failure);
        if (connectFailed && exchange.capture == null && exchange.body.untouched() && exchange.nextTarget())
        {
            sendToTarget(exchange);
            return;
        }
        if (proxyResponse.isCommitted())
        {
            // The client already has part of the response: all that is left is to cut it off.
            context.log().failed(exchange, failure);
            super.onProxyResponseFailure(clientRequest, proxyResponse, serverResponse, failure);
            return;
        }
        context.errors().originFailed(exchange, failure, connectFailed);
    }

    @Override
    protected StreamWriter newWriteListener(HttpServletRequest clientRequest, Response serverResponse)
    {
        return new FlushingWriter(clientRequest, serverResponse);
    }

    @Override
    protected HttpClient newHttpClient(ClientConnector connector)
    {
        // HTTP/1.1 to origins, as Jetty's dynamic default does with no other protocol configured, but
        // with header values as the origin wrote them: the parser's shared cache hands back its own
        // spelling of a well-known header (text/html;charset=UTF-8 arrived as ...charset=utf-8).
        HttpClientTransportOverHTTP http1 = OriginDestination.transport(connector);
        http1.setHeaderCacheCaseSensitive(true);
        // An origin's response is parsed and relayed on the selector thread that read it: nothing on
        // that path blocks (the client is written through a WriteListener, holds only queue), and
        // handing each response to a pool thread cost a thread wake-up per request.
        http1.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        // Idle origin connections bounded per origin: a burst of held requests leaves one descriptor each, not two.
        http1.setConnectionPoolFactory(destination -> new IdleBoundedPool(destination,
            destination.getHttpClient().getMaxConnectionsPerDestination(), context.originPoolIdleMax()));
        HttpClient client = new HttpClient(http1)
        {
            // Threads a flood of requests started go within seconds, all at once, not one a minute: each
            // keeps its stack. ProxyServlet makes the pool and starts the client at once, so it is set on the way in.
            @Override
            public void setExecutor(Executor executor)
            {
                if (executor instanceof QueuedThreadPool threads)
                {
                    threads.setIdleTimeout(THREAD_IDLE_MILLIS);
                    threads.setMaxEvictCount(threads.getMaxThreads());
                }
                super.setExecutor(executor);
            }
        };
        // Jetty's default pool keeps 32 buffers of a size (half the client's threads), but an origin
        // response holds its network buffer until the client has taken the body: past 32 responses in
        // flight, each one allocated a direct buffer and threw it away (pass-through went from 30,700
        // to 32,800 requests/s with this pool). What the pool retains stays capped in bytes.
        client.setByteBufferPool(new ArrayByteBufferPool(0, 2048, 65536, POOLED_BUFFERS_PER_SIZE,
            POOLED_BYTES, POOLED_BYTES));
        return client;
    }

    @Override
    protected HttpClient createHttpClient() throws ServletException
    {
        HttpClient client = super.createHttpClient();
        client.setConnectTimeout(context.connectTimeoutMillis());
        String maxQueued = getServletConfig().getInitParameter(MAX_QUEUED);
        if (maxQueued != null)
            client.setMaxRequestsQueuedPerDestination(Integer.parseInt(maxQueued));
        // The origin sees the client's User-Agent, or none: never the proxy's own.
        client.setUserAgentField(null);
        // A body the client sent without a type goes on without one, as Pushpin sends it.
        client.setDefaultRequestContentType(null);
        // Header names as the origin spelled them (Content-type stays Content-type), as Pushpin relays them.
        client.setHttpCompliance(HttpCompliance.RFC9110.with("HOLDFAST", HttpCompliance.Violation.CASE_SENSITIVE_FIELD_NAME));
        return client;
    }

    /**
     * Relays one origin chunk at a time to the client and flushes it, so a plain streaming response
     * (SSE from an origin that does not use GRIP) reaches the client as it is produced rather than
     * when a buffer fills. The origin is read no faster than the client takes the bytes.
     */
    private final class FlushingWriter extends StreamWriter
    {
        private final ServletOutputStream output;
        private final ProxyExchange exchange;
        private byte[] buffer;
        private int offset;
        private int length;
        private Callback callback;
        private boolean written;
        // The first failure to write to the client. After it nothing more is written: on Tomcat, which
        // reuses a closed connection's objects for the next one, a late write landed on another client.
        private volatile Throwable failure;

        FlushingWriter(HttpServletRequest clientRequest, Response serverResponse)
        {
            super(clientRequest, serverResponse);
            this.exchange = ProxyExchange.of(serverResponse);
            // Taken now, while the request is the client's: the container may recycle it once the client is
            // gone, and the stream it hands out then is the next request's.
            try
            {
                this.output = clientRequest.getAsyncContext().getResponse().getOutputStream();
            }
            catch (IOException e)
            {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected void data(byte[] bytes, int offset, int length, Callback callback)
        {
            Throwable failed = failure;
            if (failed != null)
            {
                callback.failed(failed);
                return;
            }
            this.buffer = bytes;
            this.offset = offset;
            this.length = length;
            this.callback = callback;
            this.written = false;
        }

        @Override
        public void onWritePossible() throws IOException
        {
            if (callback == null || failure != null || exchange.clientEnded())
                return;
            try
            {
                if (!written)
                {
                    output.write(buffer, offset, length);
                    written = true;
                    if (!output.isReady())
                        return;
                }
                output.flush();
                if (output.isReady())
                    complete();
            }
            catch (IOException | RuntimeException e)
            {
                failure = e;
                throw e;
            }
        }

        @Override
        public void onError(Throwable t)
        {
            failure = t;
            Callback pending = callback;
            callback = null;
            buffer = null;
            if (pending != null)
                pending.failed(t);
            super.onError(t);
        }

        @Override
        protected void complete()
        {
            Callback done = callback;
            buffer = null;
            callback = null;
            // Last, as it may re-enter data() with the next chunk.
            done.succeeded();
        }
    }
}
