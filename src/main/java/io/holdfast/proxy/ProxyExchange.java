// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.client.Response;

import io.holdfast.format.browser.JsonpCall;
import io.holdfast.format.browser.JsonpStream;
import io.holdfast.route.PathRewriter;
import io.holdfast.route.Route;
import io.holdfast.route.Target;
import io.holdfast.transport.http.HeldResponse;

/**
 * One client request on its way through the proxy: its route, the target being tried, its body,
 * and the origin response being captured when that response turns out to be GRIP. Lives as long as
 * the client request, including while it is held and when it is re-sent to the origin. Fields are
 * written by one thread at a time (the request's dispatch, then the origin listener).
 */
final class ProxyExchange
{
    static final String ATTRIBUTE = ProxyExchange.class.getName();

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");
    final HttpServletRequest clientRequest;
    final AsyncContext async;
    final Route route;
    final String host;
    final ClientBody body;
    /** The JSONP call this request is, which changes what the origin is asked. */
    final Optional<JsonpCall> jsonp;
    final long startNanos = System.nanoTime();
    private final String description;
    private int targetIndex;
    private boolean resent;
    /** The GRIP origin response being collected, or null while proxying plainly. */
    OriginCapture capture;
    /** Wraps a JSONP call's response as it is relayed, when it was not collected first. */
    JsonpStream jsonpStream;
    /** Body bytes relayed to the client by plain proxying, for the log. */
    long relayed;
    /** The long-poll holding this request, while one does; a retry's answer replaces it. */
    volatile HeldResponse held;
    /** The long-poll a retry's answer is taking the place of, while it does; its hold inherits the items meanwhile. */
    volatile HeldResponse predecessor;
    /** Whether the client's response ended, and the hold that ends with it. */
    final ClientEnd clientEnd = new ClientEnd();

    ProxyExchange(HttpServletRequest clientRequest, AsyncContext async, Route route, String host, long maxBody,
                  Optional<JsonpCall> jsonp)
    {
        this.jsonp = jsonp;
        // Taken now: the log may describe the request after it completed and was recycled.
        String query = clientRequest.getQueryString();
        this.description = clientRequest.getMethod() + " " + clientRequest.getRequestURL() + (query == null ? "" : "?" + query);
        this.clientRequest = clientRequest;
        this.async = async;
        this.route = route;
        this.host = host;
        this.body = new ClientBody(clientRequest, maxBody);
        async.addListener(new AsyncListener()
        {
            @Override
            public void onComplete(AsyncEvent event)
            {
                clientEnd.ended();
            }

            @Override
            public void onError(AsyncEvent event)
            {
                clientEnd.ended();
            }

            @Override
            public void onTimeout(AsyncEvent event)
            {
                clientEnd.ended();
            }

            @Override
            public void onStartAsync(AsyncEvent event)
            {
            }
        });
    }

    static ProxyExchange of(HttpServletRequest clientRequest)
    {
        return (ProxyExchange)clientRequest.getAttribute(ATTRIBUTE);
    }

    /**
     * The exchange an origin response belongs to, found without touching the client's request: the
     * origin may answer, send on or fail after the client's request ended, and Tomcat, which
     * completes a request itself after a failed write, may have recycled it for another client by then.
     */
    static ProxyExchange of(Response originResponse)
    {
        return (ProxyExchange)originResponse.getRequest().getAttributes().get(ATTRIBUTE);
    }

    /** True once the client's response has ended (completed, failed or timed out): nothing more reaches it. */
    boolean clientEnded()
    {
        return clientEnd.hasEnded();
    }

    Target target()
    {
        return route.targets().get(targetIndex);
    }

    /**
     * The origin URI for the current target: scheme, target address, rewritten path and query;
     * empty when the route's rewrite leaves no valid path (Pushpin then fails the request).
     */
    Optional<String> originUri()
    {
        Target target = target();
        String query = jsonp.isPresent() ? jsonp.get().query().orElse(null) : clientRequest.getQueryString();
        return PathRewriter.rewrite(route, target, clientRequest.getRequestURI())
            .map(path -> (target.ssl() ? "https://" : "http://") + target.host() + ":" + target.port() + path
                + (query == null ? "" : "?" + query));
    }

    /** The method the origin is asked with. */
    String originMethod()
    {
        return jsonp.map(JsonpCall::method).orElse(clientRequest.getMethod());
    }

    /**
     * Makes way for a retry's answer: true when no long-poll holds the request or it could be
     * taken over, false when the client was already answered meanwhile.
     */
    boolean takeOverHold()
    {
        HeldResponse current = held;
        held = null;
        if (current == null)
            return true;
        if (!current.takeOver())
            return false;
        predecessor = current;
        return true;
    }

    /** The retry's answer has been given (held again or not): the long-poll it replaced lets go. */
    void releasePredecessor()
    {
        HeldResponse previous = predecessor;
        predecessor = null;
        if (previous != null)
            previous.release();
    }

    /** Moves to the next target for a failover; false when there is none. */
    boolean nextTarget()
    {
        if (targetIndex + 1 >= route.targets().size())
            return false;
        targetIndex++;
        return true;
    }

    /**
     * True, once, when the request may go to the origin again after its connection was lost before
     * any response: nothing of its body was read (so the origin cannot have had it all) and its
     * method may be repeated (RFC 9110 §9.2.2), as nginx retries one on another connection.
     */
    boolean resendAfterLostConnection()
    {
        if (resent || !body.untouched() || !IDEMPOTENT.contains(originMethod()))
            return false;
        resent = true;
        return true;
    }

    /** The targets tried so far, as Pushpin lists them in its debug message. */
    String triedTargets()
    {
        StringBuilder tried = new StringBuilder();
        for (int i = 0; i <= targetIndex; i++)
        {
            if (i > 0)
                tried.append(", ");
            tried.append(route.targets().get(i).describe());
        }
        return tried.toString();
    }

    /** True when the route or the global setting asks for detailed error bodies. */
    boolean debug(boolean globalDebug)
    {
        return globalDebug || route.options().debug();
    }

    /** The request as Pushpin logs it: {@code GET http://host/path?query}. */
    String describe()
    {
        return description;
    }

    /** A client posting WebSocket-over-HTTP events itself, to a route whose origin speaks them. */
    static boolean sendsWebSocketEvents(HttpServletRequest clientRequest, Route route)
    {
        String type = clientRequest.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/websocket-events")
            && route.targets().stream().anyMatch(Target::overHttp);
    }

    /** The request's host name, without port, as routes match it. */
    static String hostOf(HttpServletRequest request)
    {
        String host = request.getHeader("Host");
        if (host == null || host.isEmpty())
            return request.getServerName();
        if (host.startsWith("["))
        {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.indexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }
}
