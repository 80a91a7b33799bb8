// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.WholeChunksCheck;

/**
 * Every streaming path on the embedded Jetty, read strictly ({@link WholeChunksCheck}): each
 * message arrives whole within 100 ms, with no later write to push it out, as Pushpin sends it.
 * WarDeploymentIT runs the same check on jetty-home and Tomcat.
 */
@Isolated("it times deliveries: other test classes on the same two cores would time the machine instead")
class WholeChunksIT
{
    @Test
    void everyStreamedMessageIsCompleteOnTheWireWhenSent() throws Exception
    {
        try (WholeChunksCheck check = new WholeChunksCheck("embedded");
             HoldfastServer holdfast = HoldfastServer.start(Map.of("holdfast.routes", check.routes())))
        {
            check.exercise(holdfast.port(), holdfast.controlPort());
        }
    }
}
