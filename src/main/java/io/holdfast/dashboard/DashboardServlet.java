// SPDX-License-Identifier: Apache-2.0
package io.holdfast.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.holdfast.hub.ChannelHub;
import io.holdfast.stats.HubActivity;
import io.holdfast.stats.HubMetrics;
import io.holdfast.transport.http.HoldEnvironment;

/**
 * The live dashboard on the control port: {@code GET /dashboard} is one static page (plain
 * JavaScript, nothing loaded from elsewhere), which follows {@code GET /dashboard/events}. The
 * control API's authentication applies to both; a browser, which cannot set a header on a page or
 * an EventSource, passes its token as {@code ?access_token=} (RFC 6750 §2.3). Thread-safe.
 */
public final class DashboardServlet extends HttpServlet implements AutoCloseable
{
    private static final long serialVersionUID = 1L;
    /** The page, read once: it is part of the WAR and never changes while it runs. */
    private static final byte[] PAGE = page();

    private final transient DashboardStream events;

    /** @param timer runs the once-a-second snapshot */
    public DashboardServlet(HoldEnvironment holds, ChannelHub hub, HubActivity activity, HubMetrics metrics,
                            ScheduledExecutorService timer)
    {
        this.events = new DashboardStream(holds, new DashboardSnapshot(hub, activity, metrics), timer, System::currentTimeMillis);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        if (!request.getMethod().equals("GET"))
        {
            response.setStatus(405);
            response.setHeader("Allow", "GET");
            text(response, "Method not allowed: " + request.getMethod() + ".\n");
            return;
        }
        if (request.getRequestURI().equals("/dashboard/events"))
        {
            AsyncContext async = request.startAsync();
            async.setTimeout(0);
            events.watch(async);
            return;
        }
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(PAGE.length);
        response.getOutputStream().write(PAGE);
    }

    private static void text(HttpServletResponse response, String body) throws IOException
    {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static byte[] page()
    {
        try (InputStream in = DashboardServlet.class.getResourceAsStream("dashboard.html"))
        {
            if (in == null)
                throw new IllegalStateException("dashboard.html is missing from the WAR");
            return in.readAllBytes();
        }
        catch (IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close()
    {
        events.close();
    }
}
