// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.ws;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.holdfast.format.HeaderField;
import io.holdfast.format.wsevents.WsEvent;
import io.holdfast.hub.ChannelHub;
import io.holdfast.hub.Refreshables;
import io.holdfast.stats.HubActivity;
import io.holdfast.stats.HubMetrics;
import io.holdfast.stats.QueueBudget;
import io.holdfast.testing.FakeWohOrigin;
import io.holdfast.transport.HoldClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The WebSocket-over-HTTP leg on its own, against a real HTTP origin: batching, keep-alive, one_event. */
class WsOverHttpOriginLegIT
{
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private FakeWohOrigin origin;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception
    {
        origin = new FakeWohOrigin("/w");
        client = new HttpClient();
        client.start();
    }

    @AfterEach
    void stop() throws Exception
    {
        client.stop();
        origin.close();
        timer.shutdownNow();
    }

    @Test
    void keepAliveIntervalMakesTheLegPollWhenIdle() throws Exception
    {
        origin.answer("OPEN\r\n", "Keep-Alive-Interval", "1");
        WsOverHttpOriginLeg leg = leg(false);
        assertInstanceOf(HandshakeAnswer.Accepted.class, leg.open(listener()));
        origin.take();
        origin.answer("TEXT 4\r\nm:ka\r\n");
        FakeWohOrigin.Exchange poll = origin.take();
        assertEquals(List.of(), poll.events(), "an idle poll carries no events");
        assertEquals("TEXT m:ka", heard.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void eventsWaitingForTheRequestInFlightGoTogetherUnlessOneEvent() throws Exception
    {
        for (boolean oneEvent : new boolean[]{false, true})
        {
            origin.answer("OPEN\r\n");
            WsOverHttpOriginLeg leg = leg(oneEvent);
            leg.open(listener());
            origin.take();
            origin.hold();
            leg.sendText("a");
            assertEquals(List.of(WsEvent.text("a")), origin.take().events());
            leg.sendText("b");
            leg.sendText("c");
            origin.release();
            if (oneEvent)
            {
                assertEquals(List.of(WsEvent.text("b")), origin.take().events());
                assertEquals(List.of(WsEvent.text("c")), origin.take().events());
            }
            else
            {
                assertEquals(List.of(WsEvent.text("b"), WsEvent.text("c")), origin.take().events(),
                    "what waited for the request in flight goes in the next one");
            }
            leg.disconnect();
            assertEquals(List.of(WsEvent.disconnect()), origin.take().events());
        }
    }

    private WsOverHttpOriginLeg leg(boolean oneEvent)
    {
        WsEnvironment env = new WsEnvironment(new ChannelHub(0, 5000, System::currentTimeMillis),
            new HubMetrics(new QueueBudget(0)), new HubActivity(System::currentTimeMillis), new Refreshables(), HoldClock.system(timer),
            Runnable::run,
            100, 1 << 20, 20, 1 << 20, 0, null);
        return new WsOverHttpOriginLeg(client, URI.create("http://127.0.0.1:" + origin.port() + "/w"),
            List.of(new HeaderField("X-Client", "1")), () -> "sig", env, oneEvent, "test:1", 1);
    }

    private OriginLeg.Listener listener()
    {
        return new OriginLeg.Listener()
        {
            @Override
            public void onText(String text)
            {
                heard.add("TEXT " + text);
            }

            @Override
            public void onBinary(ByteBuffer data)
            {
                heard.add("BINARY");
            }

            @Override
            public void onPing(ByteBuffer data)
            {
                heard.add("PING");
            }

            @Override
            public void onPong(ByteBuffer data)
            {
                heard.add("PONG");
            }

            @Override
            public void onClose(int code, String reason)
            {
                heard.add("CLOSE " + code);
            }

            @Override
            public void onFailure(Throwable failure)
            {
                heard.add("FAILURE " + failure);
            }
        };
    }
}
