// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import io.holdfast.testing.FakeWsOrigin;
import io.holdfast.testing.HttpReply;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.RawHttp;
import io.holdfast.testing.WsRecorder;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.wsItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SockJS in a deployed WAR ({@link WarDeploymentIT}): a polling session, a streaming one and one on
 * a WebSocket, each translated to the GRIP WebSocket origin, since each container reads request
 * bodies, suspends requests and upgrades WebSockets its own way. The container's routes send
 * {@link #PREFIX} to {@code origin} with {@code sockjs=}.
 */
final class SockJsDeploymentCheck
{
    static final String PREFIX = "/sockjs-origin";
    private static final String SUBSCRIBE = "c:{\"type\":\"subscribe\",\"channel\":\"deploy-sockjs\"}";

    private SockJsDeploymentCheck()
    {
    }

    static void exercise(int http, int control, FakeWsOrigin origin) throws Exception
    {
        assertEquals("o\n", HttpReply.call(http, "POST", PREFIX + "/000/p1/xhr", "").body());
        FakeWsOrigin.Connection upstream = origin.take();
        upstream.sendText("m:welcome");
        assertEquals("a[\"welcome\"]\n", HttpReply.call(http, "POST", PREFIX + "/000/p1/xhr", "").body());
        assertEquals("ok", HttpReply.call(http, "POST", PREFIX + "/000/p1/xhr_send", "[\"up\"]").body());
        assertEquals("up", upstream.nextText());

        try (RawHttp stream = new RawHttp(http, 20_000))
        {
            stream.send("POST", PREFIX + "/000/s1/xhr_streaming", new byte[0]);
            assertEquals(200, stream.readHead().status());
            assertEquals("h".repeat(2048) + "\no\n", stream.readChunkedBytes(2051));
            FakeWsOrigin.Connection streamOrigin = origin.take();
            // The origin's messages are taken in order: once this one arrives, the subscription is made.
            streamOrigin.sendText(SUBSCRIBE);
            streamOrigin.sendText("m:subscribed");
            assertEquals("a[\"subscribed\"]\n", stream.readChunkedBytes(16));
            new Publisher(control).publish(items(wsItem("deploy-sockjs", "{\"content\":\"pushed\"}")));
            assertEquals("a[\"pushed\"]\n", stream.readChunkedBytes(12));
        }

        try (WsRecorder client = WsRecorder.connect(http, PREFIX + "/000/w1/websocket"))
        {
            client.assertText("o");
            origin.take().sendText("m:over a WebSocket");
            client.assertText("a[\"over a WebSocket\"]");
        }
    }
}
