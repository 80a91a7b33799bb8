// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Tomcat unpacked by the build, started as users start it on a base of its own: the
 * distribution's conf/ with one of our server.xml files in it, the built WAR as
 * {@code webapps/ROOT.war}, the settings given as {@code -D} flags in {@code CATALINA_OPTS}.
 */
public final class TomcatBase
{
    private TomcatBase()
    {
    }

    /**
     * Starts the Tomcat whose version starts with {@code version} ({@code "11."}, {@code "10.1."}) on
     * a new base {@code target/<name>}, with {@code serverXml} as its conf/server.xml.
     */
    public static ContainerProcess start(String version, String name, Path serverXml, List<String> options)
        throws IOException
    {
        Path home = ContainerProcess.unpacked("apache-tomcat-" + version);
        Path base = ContainerProcess.freshDirectory(Path.of("target", name));
        for (String dir : List.of("conf", "logs", "temp", "work", "webapps"))
            Files.createDirectories(base.resolve(dir));
        try (Stream<Path> conf = Files.list(home.resolve("conf")))
        {
            for (Path file : conf.filter(Files::isRegularFile).toList())
                Files.copy(file, base.resolve("conf").resolve(file.getFileName()));
        }
        Files.copy(serverXml, base.resolve("conf/server.xml"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(ContainerProcess.war(), base.resolve("webapps/ROOT.war"));
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/catalina.sh").toAbsolutePath().toString(), "run")
            .directory(base.toFile());
        builder.environment().put("CATALINA_HOME", home.toAbsolutePath().toString());
        builder.environment().put("CATALINA_BASE", base.toAbsolutePath().toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CATALINA_OPTS", String.join(" ", options));
        return ContainerProcess.start(builder, base.resolve("catalina.out"));
    }
}
