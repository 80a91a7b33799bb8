// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What a target running Holdfast's WAR (on jetty-home or Tomcat) is started with: this checkout
 * (its containers and build), the work directory, the core it is pinned to, its JVM flags, its
 * ZeroMQ input ports and the routes file. Immutable.
 */
record WarSetup(Path project, Path work, int core, List<String> jvmFlags, int zmqPull, int zmqSub, Path routes)
{
    /** Holdfast's launch contract on {@code http} and {@code control}, with these inputs and routes. */
    List<String> properties(int http, int control)
    {
        return HoldfastProxy.properties(http, control, routes, zmqPull, zmqSub);
    }
}
