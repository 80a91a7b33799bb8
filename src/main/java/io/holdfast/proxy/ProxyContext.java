// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpFields;

import io.holdfast.config.Setting;
import io.holdfast.config.Settings;
import io.holdfast.format.GripSig;
import io.holdfast.route.Route;
import io.holdfast.route.RouteTable;
import io.holdfast.route.Target;
import io.holdfast.transport.http.HoldEnvironment;
import io.holdfast.transport.ws.OriginAccess;

/**
 * The proxy's collaborators, built once from the settings: request-header policy and signing,
 * the GRIP acceptor, the origin retry, error bodies and the request log; and what a proxied
 * WebSocket's origin side needs of them ({@link OriginAccess}). Immutable after
 * construction; every part is thread-safe.
 */
final class ProxyContext implements OriginAccess
{
    private final OriginHeaders originHeaders;
    private final ErrorResponses errors;
    private final ProxyLog log;
    private final GripAcceptor acceptor;
    private final BrowserFeatures browser;
    private final long connectTimeoutMillis;
    private final Optional<Long> originIdleTimeout;
    private final long originResponseTimeoutMillis;
    private final long maxRequestBody;
    private final int originPoolIdleMax;
    private final ScheduledExecutorService timer;
    private final Supplier<HttpClient> httpClient;

    ProxyContext(Settings settings, HoldEnvironment holds, Supplier<HttpClient> httpClient, Supplier<RouteTable> routes)
    {
        this.httpClient = httpClient;
        GripSigner signer = new GripSigner(settings.string(Setting.SIG_ISS), GripSig.keyBytes(settings.string(Setting.SIG_KEY)));
        this.originHeaders = new OriginHeaders(ForwardingPolicy.from(settings), signer);
        this.log = new ProxyLog();
        this.errors = new ErrorResponses(settings.bool(Setting.DEBUG), log, holds.metrics()::originError);
        this.originPoolIdleMax = settings.integer(Setting.ORIGIN_POOL_IDLE_MAX);
        OriginRetry retry = new OriginRetry(httpClient, originHeaders, errors, log, this::limitWaitForResponse,
            new OriginLanes(originPoolIdleMax));
        LinkFetcher links = new LinkFetcher(httpClient, routes, originHeaders, this::limitWaitForResponse);
        this.acceptor = new GripAcceptor(holds, settings.integer(Setting.CONNECTION_SUBSCRIPTION_MAX), errors, log, retry,
            links);
        retry.setAcceptor(acceptor);
        this.browser = new BrowserFeatures(settings.bool(Setting.AUTO_CROSS_ORIGIN));
        this.connectTimeoutMillis = settings.number(Setting.ORIGIN_CONNECT_TIMEOUT);
        this.originResponseTimeoutMillis = settings.number(Setting.ORIGIN_RESPONSE_TIMEOUT);
        this.maxRequestBody = settings.number(Setting.REQUEST_MAX_BODY);
        this.timer = holds.timer();
        long idle = settings.number(Setting.ORIGIN_IDLE_TIMEOUT);
        this.originIdleTimeout = idle > 0 ? Optional.of(idle) : Optional.empty();
    }

    /** Idle connections kept per origin ({@code holdfast.origin.pool.idle.max}). */
    int originPoolIdleMax()
    {
        return originPoolIdleMax;
    }

    OriginHeaders originHeaders()
    {
        return originHeaders;
    }

    ErrorResponses errors()
    {
        return errors;
    }

    ProxyLog log()
    {
        return log;
    }

    GripAcceptor acceptor()
    {
        return acceptor;
    }

    BrowserFeatures browser()
    {
        return browser;
    }

    @Override
    public HttpClient httpClient()
    {
        return httpClient.get();
    }

    @Override
    public void fillOriginHeaders(HttpServletRequest clientRequest, Route route, Target target,
                                  HttpFields.Mutable originHeaders)
    {
        this.originHeaders.fill(clientRequest, route, target, Map.of(), originHeaders);
    }

    @Override
    public Supplier<String> gripSig(Route route)
    {
        return originHeaders.gripSig(route);
    }

    @Override
    public String badGatewayBody()
    {
        return ErrorResponses.BAD_GATEWAY + "\n";
    }

    long connectTimeoutMillis()
    {
        return connectTimeoutMillis;
    }

    /**
     * Aborts {@code originRequest} with a {@link ExchangeFailures.NoResponseInTime} unless the origin's response
     * head arrives in time: an origin that never answers must not hold the client forever.
     */
    void limitWaitForResponse(Request originRequest)
    {
        if (originResponseTimeoutMillis <= 0)
            return;
        ScheduledFuture<?> timeout = timer.schedule(
            () -> originRequest.abort(new ExchangeFailures.NoResponseInTime(originResponseTimeoutMillis)),
            originResponseTimeoutMillis, TimeUnit.MILLISECONDS);
        originRequest.onResponseBegin(response -> timeout.cancel(false));
        originRequest.onComplete(result -> timeout.cancel(false));
    }

    /** The largest request body proxied (0: any). */
    long maxRequestBody()
    {
        return maxRequestBody;
    }

    Optional<Long> originIdleTimeout()
    {
        return originIdleTimeout;
    }
}
