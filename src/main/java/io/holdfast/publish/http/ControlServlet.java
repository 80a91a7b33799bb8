// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.broker.BrokerUnavailableException;
import io.holdfast.format.GripFormatException;
import io.holdfast.format.item.PublishItem;
import io.holdfast.format.item.PublishRequestParser;
import io.holdfast.publish.PublishGateway;
import io.holdfast.stats.MetricsText;

/**
 * Pushpin's HTTP control API (GRIP §5), served only on the control port: {@code POST /publish}
 * and {@code POST /recover}, with Pushpin's status codes, bodies and check order (411, body size,
 * 406, 404/405, then the body itself). Connections persist as HTTP/1.1's do (Pushpin closes
 * each), except after an answer given without reading the request's body. Thread-safe.
 */
public final class ControlServlet extends HttpServlet
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast.publish");
    private static final String UNCONFIRMED =
        "Redis did not confirm the publish: it may or may not have been published. Retry later.";

    private final PublishGateway gateway;
    private final int maxBody;
    private final Runnable recover;
    private final Supplier<String> metricsText;
    private final Supplier<String> health;
    private final Optional<ControlAuth> auth;
    private final Optional<HttpServlet> dashboard;

    /**
     * @param gateway where items are published
     * @param maxBody largest request body accepted
     * @param recover what {@code POST /recover} does
     * @param metricsText what {@code GET /metrics} answers, rendered afresh each time
     * @param health      what {@code GET /health} answers: {@code OK}, and the broker's state when there is one
     * @param auth        what every request must carry, when publishing needs a key
     * @param dashboard   serves {@code /dashboard} and what is under it, behind the same authentication
     */
    public ControlServlet(PublishGateway gateway, int maxBody, Runnable recover, Supplier<String> metricsText,
                          Supplier<String> health, Optional<ControlAuth> auth, Optional<HttpServlet> dashboard)
    {
        this.auth = auth;
        this.dashboard = dashboard;
        this.health = health;
        this.gateway = gateway;
        this.maxBody = maxBody;
        this.recover = recover;
        this.metricsText = metricsText;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException
    {
        String method = request.getMethod();
        String path = request.getRequestURI();
        Optional<ControlReply> refused = unauthorized(request);
        if (refused.isEmpty() && dashboard.isPresent() && (path.equals("/dashboard") || path.startsWith("/dashboard/")))
        {
            // The dashboard answers itself: a page, or an event stream that stays open.
            dashboard.get().service(request, response);
            return;
        }
        CompletableFuture<ControlReply> pending = refused.isPresent()
            ? done(refused.get()) : handle(request, method, path);
        if (pending.isDone())
        {
            send(response, method, path, pending.join());
            return;
        }
        // A publish waiting for Redis holds no thread. Its answer is written on a container thread:
        // the broker completes it on its own event loop, which must never wait on a client's socket
        // (nor on the log), or every channel's live items would wait behind it.
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        pending.whenCompleteAsync((reply, failure) ->
        {
            try
            {
                send(response, method, path, reply);
            }
            catch (IOException | RuntimeException e)
            {
                LOG.info("control: {} {}: answer not sent: {}", method, path, e.toString());
            }
            finally
            {
                async.complete();
            }
        }, async::start);
    }

    private static void send(HttpServletResponse response, String method, String path, ControlReply reply) throws IOException
    {
        reply.write(response);
        LOG.info("control: {} {} code={} {}{}", method, path, reply.status(), reply.body().length,
            reply.items() >= 0 ? " items=" + reply.items() : "");
    }

    /** The 401 for a request without the publish key's token, when one is required. */
    private Optional<ControlReply> unauthorized(HttpServletRequest request)
    {
        return auth.flatMap(required -> required.refusal(request)).map(problem ->
        {
            String why = "Unauthorized: " + problem + ".";
            // A body it would not read must not be taken for the next request on the connection.
            ControlReply reply = request.getContentLengthLong() == 0 ? ControlReply.text(401, why) : ControlReply.unread(401, why);
            return reply.withHeader("WWW-Authenticate", "Bearer");
        });
    }

    /** The answer; not yet complete for a publish that waits for the broker's confirmation. */
    private CompletableFuture<ControlReply> handle(HttpServletRequest request, String method, String path) throws IOException
    {
        boolean sendsBody = method.equals("POST") || method.equals("PUT");
        long length = request.getContentLengthLong();
        if (sendsBody && length < 0)
            return done(ControlReply.unread(411, "Request requires Content-Length."));
        if (length > maxBody)
            return done(ControlReply.unread(400, "Request body too large."));
        Negotiation format = Negotiation.of(request.getHeaders("Accept"));
        if (format == Negotiation.NONE)
            return done(ControlReply.text(406, "Not Acceptable. Supported formats are text/plain and application/json."));
        // Pushpin matches the raw target: a query string makes the path unknown.
        String route = request.getQueryString() != null ? "?" : trimSlash(path);
        if (route.equals("/publish") && method.equals("POST"))
            return publish(request, format);
        return done(switch (route)
        {
            case "" -> ControlReply.text(200, "Pushpin API");
            case "/publish" -> notAllowed(method);
            case "/recover" -> method.equals("POST") ? recover(format) : notAllowed(method);
            case "/metrics" -> method.equals("GET")
                ? new ControlReply(200, MetricsText.CONTENT_TYPE, utf8(metricsText.get()), null, -1, false)
                : notAllowed(method, "GET");
            case "/health" -> method.equals("GET") ? ControlReply.text(200, health.get()) : notAllowed(method, "GET");
            default -> ControlReply.text(404, "Not Found");
        });
    }

    private static CompletableFuture<ControlReply> done(ControlReply reply)
    {
        return CompletableFuture.completedFuture(reply);
    }

    private CompletableFuture<ControlReply> publish(HttpServletRequest request, Negotiation format) throws IOException
    {
        byte[] body = readBody(request);
        List<PublishItem> items;
        try
        {
            items = PublishRequestParser.parse(body);
        }
        catch (GripFormatException e)
        {
            return done(ControlReply.text(400, e.getMessage()));
        }
        Optional<String> refusal = gateway.refusal(items);
        if (refusal.isPresent())
            return done(unavailable(refusal.get()));
        // No timeout of its own: the broker fails a publish it has no confirmation of within its command
        // timeout (and a timer task per publish cost a thread wake-up, and piled up cancelled).
        return gateway.publishAll(items).handle((published, failure) ->
        {
            if (failure == null)
                return format.message(200, "Published").withItems(items.size());
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            boolean mayHaveBeenApplied = !(cause instanceof BrokerUnavailableException unavailable) || unavailable.mayHaveBeenApplied();
            LOG.warn("control: publish failed: {}", cause.getMessage());
            return unavailable(mayHaveBeenApplied ? UNCONFIRMED : PublishGateway.UNREACHABLE);
        });
    }

    private static ControlReply unavailable(String why)
    {
        return ControlReply.text(503, why).withHeader("Retry-After", "1");
    }

    private ControlReply recover(Negotiation format)
    {
        recover.run();
        return format.message(200, "Updated");
    }

    private static ControlReply notAllowed(String method)
    {
        return notAllowed(method, "POST");
    }

    private static ControlReply notAllowed(String method, String allowed)
    {
        return ControlReply.text(405, "Method not allowed: " + method + ".").withHeader("Allow", allowed);
    }

    private byte[] readBody(HttpServletRequest request) throws IOException
    {
        try (InputStream in = request.getInputStream())
        {
            // A publish has a Content-Length, checked against maxBody (411 and 400 otherwise): read
            // into one array of that size, not through 8 kB pieces.
            byte[] body = new byte[(int)request.getContentLengthLong()];
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        }
    }

    private static String trimSlash(String path)
    {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static byte[] utf8(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
