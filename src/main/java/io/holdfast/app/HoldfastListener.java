// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.holdfast.config.Setting;
import io.holdfast.config.Settings;
import io.holdfast.dashboard.DashboardServlet;
import io.holdfast.hub.ChannelHub;
import io.holdfast.hub.History;
import io.holdfast.hub.MemoryHistory;
import io.holdfast.hub.Refreshables;
import io.holdfast.net.DescriptorBudget;
import io.holdfast.proxy.GripProxyServlet;
import io.holdfast.publish.PublishGateway;
import io.holdfast.publish.http.ControlAuth;
import io.holdfast.publish.http.ControlPortFilter;
import io.holdfast.publish.http.ControlServlet;
import io.holdfast.publish.zmq.ZmqSockets;
import io.holdfast.route.RouteTable;
import io.holdfast.stats.HubActivity;
import io.holdfast.stats.HubMetrics;
import io.holdfast.stats.MetricsText;
import io.holdfast.stats.QueueBudget;
import io.holdfast.transport.Departures;
import io.holdfast.transport.HoldClock;
import io.holdfast.transport.http.HoldEnvironment;
import io.holdfast.transport.http.StreamWriters;
import io.holdfast.transport.ws.WsEnvironment;

/**
 * The one place that builds, wires, starts and stops Holdfast inside a servlet container: it
 * resolves the settings, loads the routes, creates the channel hub, the shared timer and the ZeroMQ
 * sockets, and registers the proxy servlet, the control servlet and the filter that separates the two
 * ports. Declared in web.xml; the container calls it once at deploy and once at undeploy, which stops
 * the timer and the sockets' threads and frees their ports.
 */
public final class HoldfastListener implements ServletContextListener
{
    private static final Logger LOG = LoggerFactory.getLogger("io.holdfast");
    /** What the in-memory history may hold in all; past it the oldest items go (docs/holds.md). */
    private static final long HISTORY_BYTES = 64L * 1024 * 1024;
    static final String PROXY_SERVLET = "holdfast-proxy";
    /** Enough set-ups that the JIT compiles the hot paths fully (C2 wants about 10,000 calls). */
    private static final int WARMUP_HOLDS = 20_000;
    /** How long after its budget an unrun warm-up is reported: the container's start has ended by then. */
    private static final long WARMUP_REPORT_SECONDS = 60;
    static final String CONTROL_SERVLET = "holdfast-control";

    private ScheduledThreadPoolExecutor timer;
    private ExecutorService writers;
    private ExecutorService closer;
    private Departures departures;
    private ZmqSockets zmq;
    private Optional<SharedBroker> broker = Optional.empty();
    private DashboardServlet dashboard;
    private LogBatching logs;
    private ScheduledThreadPoolExecutor logFlusher;

    @Override
    public void contextInitialized(ServletContextEvent event)
    {
        try
        {
            start(event.getServletContext());
        }
        catch (Exception e)
        {
            // Logged here too: containers log a failed deployment at levels that are easy to miss.
            LOG.error("Holdfast cannot start: {}", e.getMessage());
            contextDestroyed(event);
            throw new IllegalStateException("Holdfast cannot start: " + e.getMessage(), e);
        }
    }

    /**
     * Holdfast keeps no sessions, so the container need not look for one: with no tracking mode,
     * Jetty's session handler no longer parses every request's cookies (a held request then kept
     * the parsed result, 151 bytes, for as long as it was held). A client's session cookie
     * still reaches the origin as the header it is.
     */
    private static void noSessions(ServletContext context)
    {
        try
        {
            context.setSessionTrackingModes(Set.of());
        }
        catch (RuntimeException refused)
        {
            LOG.debug("the container keeps its session tracking", refused);
        }
    }

    private void start(ServletContext context) throws Exception
    {
        long startedAt = System.nanoTime();
        int preloaded = ClassPreload.loadAll(HoldfastListener.class);
        LOG.debug("{} classes loaded in {} ms", preloaded, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        noSessions(context);
        Settings settings = Settings.resolve(context::getInitParameter, System::getProperty);
        RoutesSource routes = RoutesSource.load(settings.string(Setting.ROUTES_FILE), settings.string(Setting.ROUTES));

        timer = new ScheduledThreadPoolExecutor(1, daemon("holdfast-timer"));
        timer.setRemoveOnCancelPolicy(true);
        // Its own thread: a slow standard error must not delay the timer's timeouts and keep-alives.
        logFlusher = new ScheduledThreadPoolExecutor(1, daemon("holdfast-log"));
        logs = LogBatching.install(settings.number(Setting.LOG_FLUSH), logFlusher);

        LongSupplier clockMillis = () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
        // The hub reports to these, the transports and inputs too; /metrics and the stats socket read them.
        HubActivity activity = new HubActivity(clockMillis);
        HubMetrics metrics = new HubMetrics(new QueueBudget(settings.number(Setting.QUEUE_BUDGET)));
        Refreshables refreshables = new Refreshables();
        ChannelHub hub = new ChannelHub(TimeUnit.SECONDS.toMillis(settings.number(Setting.ID_CACHE_TTL)),
            settings.number(Setting.MESSAGE_WAIT), clockMillis, activity, metrics);
        timer.scheduleWithFixedDelay(quietly(hub::releaseOverdue), 1, 1, TimeUnit.SECONDS);
        // A test whose subject is time hands in a clock it drives by hand.
        HoldClock holdClock = context.getAttribute(HoldClock.ATTRIBUTE) instanceof HoldClock injected ? injected : HoldClock.system(timer);
        hub.setFirstSubscriberRecheck(holdClock.timer(), settings.number(Setting.FIRST_SUBSCRIBER_RECHECK));
        hub.setHistory(history(settings));
        timer.scheduleWithFixedDelay(quietly(routes::reloadIfChanged), 1, 1, TimeUnit.SECONDS);
        HeapTrim heapTrim = HeapTrim.of(() -> activity.connectionCounts().values().stream().mapToInt(Integer::intValue).sum(),
            activity::takeConnectionsPeak);
        timer.scheduleWithFixedDelay(quietly(heapTrim::tick), 1, 1, TimeUnit.SECONDS);
        // Published for the tests, which reach the running hub and its statistics through the servlet context.
        context.setAttribute(ChannelHub.class.getName(), hub);
        context.setAttribute(HubActivity.class.getName(), activity);
        context.setAttribute(HubMetrics.class.getName(), metrics);
        // One writer per core drains held streams: enough to keep every core writing, few enough
        // that a burst piles up per client and goes out in fewer, larger writes.
        int cores = Runtime.getRuntime().availableProcessors();
        writers = Executors.newFixedThreadPool(cores, daemon("holdfast-writer"));
        // Held clients that leave are noticed with no write (on Jetty below the webapp, by Holdfast's connection factory).
        departures = new Departures();
        HoldEnvironment holds = new HoldEnvironment(hub, metrics, activity, holdClock, new StreamWriters(writers, cores), settings.integer(Setting.SUBSCRIBER_QUEUE_MESSAGES),
            settings.number(Setting.SUBSCRIBER_QUEUE_BYTES), departures);

        closer = Executors.newCachedThreadPool(daemon("holdfast-ws-close"));
        WsEnvironment webSockets = new WsEnvironment(hub, metrics, activity, refreshables, holdClock, closer, settings.integer(Setting.SUBSCRIBER_QUEUE_MESSAGES),
            settings.number(Setting.SUBSCRIBER_QUEUE_BYTES), settings.integer(Setting.CONNECTION_SUBSCRIPTION_MAX),
            settings.integer(Setting.WS_MAX_MESSAGE), TimeUnit.SECONDS.toMillis(settings.number(Setting.WS_PING_INTERVAL)),
            departures);

        Supplier<RouteTable> proxyRoutes = routes;
        long warmUpSeconds = settings.number(Setting.WARMUP);
        if (warmUpSeconds > 0)
        {
            // Holdfast's Jetty listener runs it before it accepts anyone (io.holdfast.jetty.StartWarmUp).
            WarmUp warmUp = new WarmUp(hub, metrics, activity, TimeUnit.SECONDS.toMillis(warmUpSeconds), WARMUP_HOLDS);
            proxyRoutes = warmUp.routes(routes);
            context.setAttribute(WarmUp.ATTRIBUTE, warmUp);
            // A container without that listener never runs it: say so, once it would have run.
            timer.schedule(quietly(warmUp::reportIfNotRun), warmUpSeconds + WARMUP_REPORT_SECONDS, TimeUnit.SECONDS);
        }
        ServletRegistration.Dynamic proxy = context.addServlet(PROXY_SERVLET,
            new GripProxyServlet(proxyRoutes, settings, holds, webSockets));
        proxy.setAsyncSupported(true);
        proxy.setLoadOnStartup(1);
        // The proxy's HttpClient gets its own pool: without maxThreads Jetty looks for its server
        // executor, which Tomcat does not have.
        proxy.setInitParameter("maxThreads", "64");
        // Clients and origin connections together stay within the descriptor limit; requests beyond
        // the origin connections wait for one, at most one per client.
        long maxDescriptors = DescriptorBudget.maxDescriptors();
        String clientMaxconn = settings.string(Setting.CLIENT_MAXCONN);
        int clientLimit = DescriptorBudget.clientLimit(clientMaxconn, maxDescriptors);
        proxy.setInitParameter("maxConnections", String.valueOf(DescriptorBudget.originConnections(clientLimit, maxDescriptors)));
        proxy.setInitParameter(GripProxyServlet.MAX_QUEUED, String.valueOf(clientLimit > 0 ? Math.max(1024, clientLimit) : 65536));
        proxy.setInitParameter("idleTimeout", "30000");
        proxy.setInitParameter("timeout", "0");
        proxy.setInitParameter("preserveHost", "true");
        proxy.addMapping("/*");

        // Every publish, whatever its input, goes through the gateway.
        PublishGateway gateway = new PublishGateway(hub, metrics, settings.number(Setting.MESSAGE_RATE));
        broker = SharedBroker.start(settings, hub, gateway, metrics, daemon("holdfast-broker"));
        zmq = ZmqSockets.start(settings, hub, activity, refreshables, gateway);
        context.setAttribute(ZmqSockets.class.getName(), zmq);

        ClientConnections clientConnections = ClientConnections.start(settings.integer(Setting.HTTP_PORT), clientLimit,
            DescriptorBudget.describe(clientMaxconn, maxDescriptors), timer);
        dashboard = new DashboardServlet(holds, hub, activity, metrics, timer);
        ServletRegistration.Dynamic control = context.addServlet(CONTROL_SERVLET,
            new ControlServlet(gateway, settings.integer(Setting.PUBLISH_MAX_BODY), hub::recoverAll,
                () -> MetricsText.render(metrics, activity, hub.channelCount(), clientConnections.current()),
                () -> broker.map(shared -> "OK\nbroker: " + shared.describe()).orElse("OK"),
                ControlAuth.of(settings.string(Setting.PUBLISH_KEY), settings.string(Setting.PUBLISH_ISS),
                    () -> System.currentTimeMillis() / 1000, metrics::controlUnauthorized),
                Optional.of(dashboard)));
        control.setAsyncSupported(true);

        FilterRegistration.Dynamic ports = context.addFilter("holdfast-ports",
            new ControlPortFilter(settings.integer(Setting.CONTROL_PORT), CONTROL_SERVLET));
        ports.setAsyncSupported(true);
        ports.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");

        // The time it took tells a slow deployment (the container's, or this start's) from a slow request.
        LOG.info("Holdfast started: control API on port {}, {} routes, ZeroMQ {}, in {} ms", settings.integer(Setting.CONTROL_PORT),
            routes.get().size(), zmq.endpoints(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event)
    {
        if (zmq != null)
            zmq.close();
        broker.ifPresent(SharedBroker::close);
        if (dashboard != null)
            dashboard.close();
        if (logs != null)
            logs.close();
        if (logFlusher != null)
            logFlusher.shutdownNow();
        if (timer != null)
            timer.shutdownNow();
        if (closer != null)
            closer.shutdown();
        if (writers != null)
            writers.shutdown();
        if (departures != null)
            departures.close();
        LOG.info("Holdfast stopped");
    }

    // Kept in memory on this instance; with a shared Redis, SharedBroker sets the one kept there.
    private static History history(Settings settings)
    {
        long size = settings.number(Setting.HISTORY_SIZE);
        long ttlSeconds = settings.number(Setting.HISTORY_TTL);
        if (size == 0 || ttlSeconds == 0 || !settings.string(Setting.REDIS_URI).isEmpty())
            return History.NONE;
        return new MemoryHistory((int)Math.min(size, Integer.MAX_VALUE), TimeUnit.SECONDS.toMillis(ttlSeconds),
            HISTORY_BYTES);
    }

    static ThreadFactory daemon(String name)
    {
        AtomicInteger count = new AtomicInteger();
        return runnable ->
        {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName(name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static Runnable quietly(Runnable task)
    {
        return () ->
        {
            try
            {
                task.run();
            }
            catch (RuntimeException e)
            {
                LOG.warn("periodic task failed", e);
            }
        };
    }
}
