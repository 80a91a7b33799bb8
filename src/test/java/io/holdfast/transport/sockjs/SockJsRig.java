// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.sockjs;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.holdfast.testing.FakeWsOrigin;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.Publisher;

/**
 * What the SockJS integration tests share: a WebSocket origin behind a {@code sockjs=/sockjs}
 * route, a one-second heartbeat so heartbeat tests stay short, and a publisher; fresh per test.
 */
abstract class SockJsRig
{
    FakeWsOrigin origin;
    HoldfastServer holdfast;
    Publisher publisher;

    @BeforeEach
    void start() throws Exception
    {
        origin = new FakeWsOrigin();
        startMoreOrigins();
        holdfast = HoldfastServer.start(Map.of("holdfast.routes", routes(), "holdfast.sockjs.heartbeat", "1"));
        publisher = new Publisher(holdfast.controlPort());
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
        origin.close();
        stopMoreOrigins();
    }

    /** The routes Holdfast starts with; every origin is listening by then. */
    String routes()
    {
        return "*,sockjs=/sockjs 127.0.0.1:" + origin.port();
    }

    /** For a test class that routes to origins of its own as well. */
    void startMoreOrigins() throws Exception
    {
    }

    void stopMoreOrigins() throws Exception
    {
    }
}
