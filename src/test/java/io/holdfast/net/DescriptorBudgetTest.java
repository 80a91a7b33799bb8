// SPDX-License-Identifier: Apache-2.0
package io.holdfast.net;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DescriptorBudgetTest
{
    @Test
    void autoKeepsATenthOrAtLeast256()
    {
        assertEquals(256, DescriptorBudget.clientLimit("auto", 512));
        assertEquals(768, DescriptorBudget.clientLimit("auto", 1024));
        assertEquals(18000, DescriptorBudget.clientLimit("auto", 20000));
        assertEquals(943719, DescriptorBudget.clientLimit("auto", 1048576));
    }

    @Test
    void autoIsTheDefaultWhateverItsSpelling()
    {
        assertEquals(18000, DescriptorBudget.clientLimit("AUTO", 20000));
        assertEquals(18000, DescriptorBudget.clientLimit(" auto ", 20000));
        assertEquals(18000, DescriptorBudget.clientLimit("", 20000));
        assertEquals(18000, DescriptorBudget.clientLimit(null, 20000));
    }

    @Test
    void aTinyDescriptorLimitStillLetsOneIn()
    {
        assertEquals(1, DescriptorBudget.clientLimit("auto", 100));
    }

    @Test
    void unknownDescriptorLimitMeansNoDerivedLimit()
    {
        assertEquals(0, DescriptorBudget.clientLimit("auto", -1));
        assertEquals(5000, DescriptorBudget.clientLimit("5000", -1));
    }

    @Test
    void aNumberIsTakenAsGivenAndZeroIsNoLimit()
    {
        assertEquals(50000, DescriptorBudget.clientLimit("50000", 20000));
        assertEquals(0, DescriptorBudget.clientLimit("0", 20000));
    }

    @Test
    void anythingElseIsRefusedNamingTheSetting()
    {
        for (String bad : new String[]{"-1", "lots", "1.5", "99999999999"})
        {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DescriptorBudget.clientLimit(bad, 20000), bad);
            assertEquals("holdfast.client.maxconn must be a number of connections, 0 (no limit) or auto, not '" + bad + "'",
                e.getMessage());
        }
    }

    @Test
    void originConnectionsTakeWhatClientsLeaveLessTheJvmsShare()
    {
        assertEquals(128, DescriptorBudget.originConnections(256, 512));
        assertEquals(1872, DescriptorBudget.originConnections(18000, 20000));
        // No client limit: the origin still gets the reserve a derived one would have left.
        assertEquals(1872, DescriptorBudget.originConnections(0, 20000));
        // A client limit at or above the descriptor limit leaves the minimum.
        assertEquals(64, DescriptorBudget.originConnections(50000, 20000));
        assertEquals(32768, DescriptorBudget.originConnections(943719, 1048576));
        assertEquals(32768, DescriptorBudget.originConnections(0, -1));
    }

    @Test
    void describesHowTheLimitWasArrivedAt()
    {
        assertEquals("256 (holdfast.client.maxconn=auto: descriptor limit 512 less 256 reserved)",
            DescriptorBudget.describe("auto", 512));
        assertEquals("300 (holdfast.client.maxconn)", DescriptorBudget.describe("300", 512));
        assertEquals("no limit (holdfast.client.maxconn=0)", DescriptorBudget.describe("0", 512));
        assertEquals("no limit (holdfast.client.maxconn=auto and the descriptor limit is unknown)",
            DescriptorBudget.describe("auto", -1));
    }

    @Test
    void readsThisProcesssLimits()
    {
        long max = DescriptorBudget.maxDescriptors();
        long open = DescriptorBudget.openDescriptors();
        assertTrue(max > 0 && open > 0 && open <= max, max + " max, " + open + " open");
    }
}
