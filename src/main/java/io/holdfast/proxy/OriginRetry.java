// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;

import io.holdfast.format.browser.JsonpCall;
import io.holdfast.route.Target;

/**
 * Re-sends a held request to its origin (GRIP §9.1: a long-poll that missed items, a {@code hint},
 * a recover), with {@code Grip-Last} naming each channel's last id. The answer is handled like a
 * first response: answered now, or held again. Thread-safe.
 */
final class OriginRetry
{
    private final Supplier<HttpClient> httpClient;
    private final OriginHeaders originHeaders;
    private final ErrorResponses errors;
    private final ProxyLog log;
    private final Consumer<Request> responseTimeout;
    private final OriginLanes lanes;
    private volatile GripAcceptor acceptor;

    OriginRetry(Supplier<HttpClient> httpClient, OriginHeaders originHeaders, ErrorResponses errors, ProxyLog log,
                Consumer<Request> responseTimeout, OriginLanes lanes)
    {
        this.httpClient = httpClient;
        this.originHeaders = originHeaders;
        this.errors = errors;
        this.log = log;
        this.responseTimeout = responseTimeout;
        this.lanes = lanes;
    }

    void setAcceptor(GripAcceptor acceptor)
    {
        this.acceptor = acceptor;
    }

    void retry(ProxyExchange exchange, Map<String, String> lastIds)
    {
        Target target = exchange.target();
        if (target.kind() == Target.Kind.TEST)
        {
            answer(exchange, () -> acceptor.deliver(exchange, DemoOrigin.respond(exchange), true));
            return;
        }
        Optional<String> uri = exchange.originUri();
        if (uri.isEmpty())
        {
            answer(exchange, () -> errors.badGateway(exchange, "Rewritten request path is not valid."));
            return;
        }
        // In lanes: a burst of retries to one origin reuses its pooled connections instead of opening one each.
        lanes.run(uri.get(), done -> send(exchange, uri.get(), target, lastIds, done));
    }

    private void send(ProxyExchange exchange, String uri, Target target, Map<String, String> lastIds, Runnable done)
    {
        // Its turn may come after its client left (a departure is noticed while retries wait in lane).
        if (exchange.clientEnded())
        {
            done.run();
            return;
        }
        Request originRequest = httpClient.get().newRequest(uri)
            .method(exchange.originMethod())
            .timeout(0, TimeUnit.MILLISECONDS)
            .headers(headers -> originHeaders.fillHttp(exchange.clientRequest, exchange.route, target, lastIds, exchange.jsonp,
                headers));
        exchange.jsonp.map(JsonpCall::body).or(exchange.body::retained).filter(body -> body.length > 0)
            .ifPresent(body -> originRequest.body(ClientBody.fixed(body)));
        responseTimeout.accept(originRequest);
        originRequest.send(new OriginCollector((capture, failure) ->
        {
            done.run();
            answer(exchange, () ->
            {
                if (failure == null)
                {
                    acceptor.deliver(exchange, capture, true);
                    return;
                }
                log.failed(exchange, failure);
                errors.badGateway(exchange, "Error while retrying request: " + failure.getMessage());
            });
        }));
    }

    // In the place of the long-poll that asked, unless the client was answered meanwhile. A hold the
    // answer opens takes over that long-poll's channels, with what was published to them since.
    private static void answer(ProxyExchange exchange, Runnable answer)
    {
        if (!exchange.takeOverHold())
            return;
        try
        {
            answer.run();
        }
        finally
        {
            exchange.releasePredecessor();
        }
    }
}
