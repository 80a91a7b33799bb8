// SPDX-License-Identifier: Apache-2.0
package io.holdfast.publish.zmq;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZmqEndpointsTest
{
    @Test
    void loopbackAndLocalTransportsAreClosedToOthers()
    {
        assertTrue(ZmqEndpoints.isLoopback("tcp://127.0.0.1:5560"));
        assertTrue(ZmqEndpoints.isLoopback("tcp://127.1.2.3:5560"));
        assertTrue(ZmqEndpoints.isLoopback("tcp://localhost:5560"));
        assertTrue(ZmqEndpoints.isLoopback("tcp://[::1]:5560"));
        assertTrue(ZmqEndpoints.isLoopback("ipc:///tmp/holdfast"));
        assertTrue(ZmqEndpoints.isLoopback("inproc://x"));
    }

    @Test
    void wildcardsAndOtherAddressesAreOpen()
    {
        assertFalse(ZmqEndpoints.isLoopback("tcp://*:5560"));
        assertFalse(ZmqEndpoints.isLoopback("tcp://0.0.0.0:5560"));
        assertFalse(ZmqEndpoints.isLoopback("tcp://10.0.0.1:5560"));
        assertFalse(ZmqEndpoints.isLoopback("tcp://[::]:5560"));
        assertFalse(ZmqEndpoints.isLoopback("tcp://example.com:5560"));
    }
}
