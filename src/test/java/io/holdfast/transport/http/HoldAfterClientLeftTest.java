// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.holdfast.hub.ChannelHub;
import io.holdfast.instruct.ChannelSpec;
import io.holdfast.instruct.ResponseSpec;
import io.holdfast.stats.HubActivity;
import io.holdfast.stats.HubMetrics;
import io.holdfast.stats.QueueBudget;
import io.holdfast.testing.Await;
import io.holdfast.testing.RawHttp;
import io.holdfast.transport.HoldClock;


/**
 * A hold opened while its client leaves: the departure fails the request and the container
 * recycles it, on another thread, at any point of the opening. On a real Jetty, the request's
 * {@link AsyncContext} fails from its n-th use on, as a recycled one does; then the request ends.
 * Whether opening failed or not, nothing stays counted as held or subscribed. Before, a failure
 * after the hold was counted and before it subscribed left it counted for good (seen at the
 * descriptor limit, where 444 clients leave as they are let in).
 */
class HoldAfterClientLeftTest
{
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final HubActivity activity = new HubActivity(System::currentTimeMillis);
    private final HubMetrics metrics = new HubMetrics(new QueueBudget(0));
    private final ChannelHub hub = new ChannelHub(0, 5_000, System::currentTimeMillis, activity, metrics);
    private final HoldEnvironment env = new HoldEnvironment(hub, metrics, activity, HoldClock.system(timer), Runnable::run,
        10, 1 << 20, null);
    private final BlockingQueue<AsyncContext> requests = new LinkedBlockingQueue<>();
    private static final ResponseSpec START = new ResponseSpec(200, Optional.empty(), List.of(), "open\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    private Server server;
    private int port;

    @BeforeEach
    void start() throws Exception
    {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new HttpServlet()
        {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response)
            {
                AsyncContext async = request.startAsync();
                async.setTimeout(0);
                requests.add(async);
            }
        }), "/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception
    {
        server.stop();
        timer.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 100})
    void aStreamOpenedAsItsClientLeavesIsNotHeld(int failsFrom) throws Exception
    {
        leaveWhileOpening(failsFrom, async -> HeldStream.open(env, async, START, subscriptions(), Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 100})
    void aLongPollOpenedAsItsClientLeavesIsNotHeld(int failsFrom) throws Exception
    {
        leaveWhileOpening(failsFrom, async -> HeldResponse.open(env, async, START, subscriptions(), 60));
    }

    private interface Opening
    {
        void open(AsyncContext async) throws Exception;
    }

    private void leaveWhileOpening(int failsFrom, Opening opening) throws Exception
    {
        try (RawHttp client = new RawHttp(port))
        {
            client.get("/");
            AsyncContext async = requests.poll(5, TimeUnit.SECONDS);
            try
            {
                opening.open(new RecycledFrom(async, failsFrom));
            }
            catch (IllegalStateException recycled)
            {
                // the client left first: not opened, as GripAcceptor finds
            }
            async.complete();
            Await.until("nothing held", Duration.ofSeconds(5),
                () -> activity.connectionCounts().values().stream().allMatch(held -> held == 0) && hub.subscriberCount("c") == 0);
        }
    }

    private static Subscriptions subscriptions()
    {
        return new Subscriptions(List.of(new ChannelSpec("c", Optional.empty(), List.of())), Map.of(), Recovery.NONE, true);
    }

    /** A request's AsyncContext that the container recycles just before its n-th use. */
    private static final class RecycledFrom implements AsyncContext
    {
        private final AsyncContext async;
        private int uses;
        private final int failsFrom;

        RecycledFrom(AsyncContext async, int failsFrom)
        {
            this.async = async;
            this.failsFrom = failsFrom;
        }

        private AsyncContext use()
        {
            if (++uses >= failsFrom)
                throw new IllegalStateException("AsyncContext completed and/or Request lifecycle recycled");
            return async;
        }

        @Override
        public ServletRequest getRequest()
        {
            return use().getRequest();
        }

        @Override
        public ServletResponse getResponse()
        {
            return use().getResponse();
        }

        @Override
        public boolean hasOriginalRequestAndResponse()
        {
            return use().hasOriginalRequestAndResponse();
        }

        @Override
        public void dispatch()
        {
            use().dispatch();
        }

        @Override
        public void dispatch(String path)
        {
            use().dispatch(path);
        }

        @Override
        public void dispatch(ServletContext context, String path)
        {
            use().dispatch(context, path);
        }

        @Override
        public void complete()
        {
            use().complete();
        }

        @Override
        public void start(Runnable run)
        {
            use().start(run);
        }

        @Override
        public void addListener(AsyncListener listener)
        {
            use().addListener(listener);
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response)
        {
            use().addListener(listener, request, response);
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException
        {
            return use().createListener(type);
        }

        @Override
        public void setTimeout(long timeout)
        {
            use().setTimeout(timeout);
        }

        @Override
        public long getTimeout()
        {
            return use().getTimeout();
        }
    }
}
