// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassPreloadTest
{
    @Test
    void findsEveryHoldfastClassButTheContainerCode() throws Exception
    {
        List<String> names = ClassPreload.classNames(HoldfastListener.class.getProtectionDomain().getCodeSource().getLocation());
        assertTrue(names.contains("io.holdfast.proxy.ExchangeFailures"), "an error path's class");
        assertTrue(names.contains("io.holdfast.app.HoldfastListener"));
        assertTrue(names.stream().anyMatch(name -> name.contains("$")), "nested classes too");
        assertFalse(names.stream().anyMatch(name -> name.startsWith("io.holdfast.jetty.")), "container code stays out");
        assertTrue(names.stream().allMatch(name -> name.startsWith("io.holdfast.")));
    }

    @Test
    void loadsThemAll() throws Exception
    {
        List<String> names = ClassPreload.classNames(HoldfastListener.class.getProtectionDomain().getCodeSource().getLocation());
        assertEquals(names.size(), ClassPreload.loadAll(HoldfastListener.class));
    }
}
