// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.holdfast.config.Settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForwardingPolicyTest
{
    @Test
    void defaultsPassXffThroughAndSetProtoOnlyForTls()
    {
        ForwardingPolicy policy = ForwardingPolicy.from(Settings.of(Map.of()));
        assertFalse(policy.rewritesFor());
        assertTrue(policy.setProto());
        assertFalse(policy.setProtocol());
        assertTrue(policy.stripsProto());
    }

    @Test
    void truncateKeepsTheLastAddressesAndAppendAddsThePeer()
    {
        ForwardingPolicy policy = ForwardingPolicy.from(Settings.of(Map.of("holdfast.x.forwarded.for", "truncate:1, append")));
        assertTrue(policy.rewritesFor());
        assertEquals("2.2.2.2, 127.0.0.1", policy.forwardedFor(List.of("1.1.1.1, 2.2.2.2"), "127.0.0.1"));
        assertEquals("127.0.0.1", policy.forwardedFor(List.of(), "127.0.0.1"));
    }

    @Test
    void truncateZeroAndAppendIsExactlyThePeer()
    {
        ForwardingPolicy policy = ForwardingPolicy.from(Settings.of(Map.of("holdfast.x.forwarded.for", "truncate:0,append")));
        assertEquals("127.0.0.1", policy.forwardedFor(List.of("1.1.1.1", "2.2.2.2"), "127.0.0.1"));
        ForwardingPolicy dropAll = ForwardingPolicy.from(Settings.of(Map.of("holdfast.x.forwarded.for", "truncate:0")));
        assertNull(dropAll.forwardedFor(List.of("1.1.1.1"), "127.0.0.1"));
    }

    @Test
    void protocolSettings()
    {
        ForwardingPolicy both = ForwardingPolicy.from(Settings.of(Map.of("holdfast.set.x.forwarded.protocol", "true")));
        assertTrue(both.setProto() && both.setProtocol());
        ForwardingPolicy none = ForwardingPolicy.from(Settings.of(Map.of("holdfast.set.x.forwarded.protocol", "false")));
        assertFalse(none.setProto() || none.stripsProto());
    }

    @Test
    void badRulesNameTheKey()
    {
        assertEquals("holdfast.x.forwarded.for: unknown rule 'prepend'", assertThrows(IllegalArgumentException.class,
            () -> ForwardingPolicy.from(Settings.of(Map.of("holdfast.x.forwarded.for", "prepend")))).getMessage());
        assertEquals("holdfast.x.forwarded.for: bad rule 'truncate:x'", assertThrows(IllegalArgumentException.class,
            () -> ForwardingPolicy.from(Settings.of(Map.of("holdfast.x.forwarded.for", "truncate:x")))).getMessage());
    }
}
