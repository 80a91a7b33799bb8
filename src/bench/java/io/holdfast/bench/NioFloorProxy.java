// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.holdfast.bench.floor.NioFloor;

/**
 * {@link NioFloor} in a JVM of its own with the JVM flags jetty-base ships, pinned like every
 * target: no container and no GRIP, one thread writing each delivery with one system call. Its
 * fan-out figures are what the JVM and this machine's system calls allow any Java server, so the
 * distance from bare Jetty to it is what the container costs, and from it to nchan what Java does.
 */
final class NioFloorProxy extends Proxy
{
    private static final Set<String> SCENARIOS = Set.of("tenk", "multi", "burst", "publish", "setup", "rss", "redis-fanout");
    private final Path work;
    private final int core;
    private final List<String> jvmFlags;
    private int starts;

    NioFloorProxy(Path work, int core, List<String> jvmFlags, int httpPort, int controlPort)
    {
        super("Java NIO floor", httpPort, controlPort);
        this.work = work;
        this.core = core;
        this.jvmFlags = jvmFlags;
    }

    @Override
    boolean runs(String scenario)
    {
        return SCENARIOS.contains(scenario);
    }

    @Override
    void start() throws Exception
    {
        List<String> command = new ArrayList<>(List.of(HoldfastProxy.javaBin()));
        command.addAll(jvmFlags);
        // The load generator's class path, made absolute: the floor runs in the work directory.
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        command.addAll(List.of("-cp", classPath, NioFloor.class.getName(),
            Integer.toString(http.getPort()), Integer.toString(control.getPort())));
        launch(pinned(core, command), work, Map.of(), work.resolve("nio-" + ++starts + ".log"), 30_000);
    }

    @Override
    String describe()
    {
        return "io.holdfast.bench.floor.NioFloor (JDK NIO, one thread, a gathering write per delivery), " + String.join(" ", jvmFlags);
    }

    @Override
    String note()
    {
        return "Java NIO floor: no container and no GRIP; streams and the benchmark's publish items only";
    }
}
