// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.holdfast.testing.Await;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.RedisServer;

/** {@link CatchUpIT} with the history in a real redis-server ({@code holdfast.redis.uri}). */
class RedisCatchUpIT extends CatchUpIT
{
    private RedisServer redis;

    @BeforeEach
    void startRedis() throws Exception
    {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopRedis() throws Exception
    {
        redis.close();
    }

    @Override
    Map<String, String> historySettings()
    {
        return Map.of("holdfast.redis.uri", redis.uri());
    }

    @Override
    void awaitReady(HoldfastServer server)
    {
        Await.until("the broker is up", Duration.ofSeconds(10), () -> server.metrics().brokerState().equals(Optional.of("UP")));
    }
}
