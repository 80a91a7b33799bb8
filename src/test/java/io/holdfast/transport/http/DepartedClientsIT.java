// SPDX-License-Identifier: Apache-2.0
package io.holdfast.transport.http;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.holdfast.testing.DeparturesCheck;
import io.holdfast.testing.HoldfastServer;

/**
 * Clients that leave held and relayed responses with a FIN or a RST and nothing written to them
 * are noticed within two seconds on the embedded Jetty ({@link DeparturesCheck}); WarDeploymentIT
 * runs the same check on jetty-home and Tomcat, counting the container's descriptors.
 */
class DepartedClientsIT
{
    @Test
    void aClientThatLeavesIsLetGoWithNoWrite() throws Exception
    {
        try (DeparturesCheck check = new DeparturesCheck();
             HoldfastServer holdfast = HoldfastServer.start(Map.of("holdfast.routes", check.routes())))
        {
            check.exercise(holdfast.port(), holdfast.controlPort(), holdfast::clientConnections);
        }
    }
}
