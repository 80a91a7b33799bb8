// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.Optional;
import java.util.function.Supplier;

import io.holdfast.config.Setting;
import io.holdfast.config.Settings;
import io.holdfast.format.GripSig;
import io.holdfast.transport.http.HoldEnvironment;
import org.eclipse.jetty.client.HttpClient;

/**
 * The proxy's collaborators, built once from the settings: request-header policy and signing,
 * the GRIP acceptor, the origin retry, error bodies and the request log. Immutable after
 * construction; every part is thread-safe.
 */
final class ProxyContext
{
    private final OriginHeaders originHeaders;
    private final ProxyErrors errors;
    private final ProxyLog log;
    private final GripAcceptor acceptor;
    private final long connectTimeoutMillis;
    private final Optional<Long> originIdleTimeout;
    private final Supplier<HttpClient> httpClient;

    ProxyContext(Settings settings, HoldEnvironment holds, Supplier<HttpClient> httpClient)
    {
        this.httpClient = httpClient;
        GripSigner signer = new GripSigner(settings.string(Setting.SIG_ISS), GripSig.keyBytes(settings.string(Setting.SIG_KEY)));
        this.originHeaders = new OriginHeaders(ForwardingPolicy.from(settings), signer);
        this.log = new ProxyLog();
        this.errors = new ProxyErrors(settings.bool(Setting.DEBUG), log);
        OriginRetry retry = new OriginRetry(httpClient, originHeaders, errors, log);
        this.acceptor = new GripAcceptor(holds, settings.integer(Setting.CONNECTION_SUBSCRIPTION_MAX), errors, log, retry);
        retry.setAcceptor(acceptor);
        this.connectTimeoutMillis = settings.number(Setting.ORIGIN_CONNECT_TIMEOUT);
        long idle = settings.number(Setting.ORIGIN_IDLE_TIMEOUT);
        this.originIdleTimeout = idle > 0 ? Optional.of(idle) : Optional.empty();
    }

    OriginHeaders originHeaders()
    {
        return originHeaders;
    }

    ProxyErrors errors()
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

    HttpClient httpClient()
    {
        return httpClient.get();
    }

    long connectTimeoutMillis()
    {
        return connectTimeoutMillis;
    }

    Optional<Long> originIdleTimeout()
    {
        return originIdleTimeout;
    }
}
