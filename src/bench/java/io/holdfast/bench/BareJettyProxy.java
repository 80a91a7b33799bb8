// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The servlet container with none of Holdfast's webapp code: the same jetty-home, jetty-base
 * (connectors, with Holdfast's connection factory from {@code lib/holdfast-jetty.jar} as shipped;
 * pools) and JVM flags, deploying, instead of Holdfast's WAR, Jetty's own
 * {@code AsyncProxyServlet.Transparent} to the origin,
 * {@code floor.StreamSink} for held streams and {@code floor.PublishSink} for publishes. What it
 * reaches in pass-through, publish and 10,000-subscriber fan-out is the ceiling of any WAR built on
 * Jetty's ProxyServlet and the Servlet API, as the design card prescribes. It is no GRIP proxy, so
 * only those scenarios run against it.
 */
final class BareJettyProxy extends HoldfastProxy
{
    // By name: loading them would need the servlet API, which the load generator lacks.
    private static final String PUBLISH_SINK = "io.holdfast.bench.floor.PublishSink";
    private static final String STREAM_SINK = "io.holdfast.bench.floor.StreamSink";
    private static final Set<String> SCENARIOS = Set.of("tenk", "publish", "passthrough");
    private final int originPort;

    BareJettyProxy(WarSetup setup, int httpPort, int controlPort, int originPort)
    {
        super("bare Jetty", "jetty", setup, httpPort, controlPort, false);
        this.originPort = originPort;
    }

    /** The scenarios it can run: held streams of one channel, the publish API and pass-through. */
    @Override
    boolean runs(String scenario)
    {
        return SCENARIOS.contains(scenario);
    }

    /**
     * In place of Holdfast's WAR and its context file (webapps/ is emptied): an exploded root
     * webapp of the WAR's Jetty client and proxy jars, the sinks, and a web.xml.
     */
    @Override
    protected void deploy(Path base) throws IOException
    {
        Path webapps = base.resolve("webapps");
        try (var old = Files.list(webapps))
        {
            for (Path p : old.toList())
                Dirs.delete(p);
        }
        Path webInf = webapps.resolve("root/WEB-INF");
        Path lib = Files.createDirectories(webInf.resolve("lib"));
        try (ZipInputStream war = new ZipInputStream(Files.newInputStream(project().resolve("target/holdfast.war"))))
        {
            for (ZipEntry entry; (entry = war.getNextEntry()) != null; )
            {
                String name = entry.getName();
                if (name.startsWith("WEB-INF/lib/jetty-") || name.startsWith("WEB-INF/lib/slf4j-"))
                    Files.copy(war, lib.resolve(name.substring("WEB-INF/lib/".length())));
            }
        }
        for (String sinkClass : List.of(PUBLISH_SINK, STREAM_SINK, STREAM_SINK + "$Held", "io.holdfast.bench.floor.BenchItems"))
        {
            String file = sinkClass.replace('.', '/') + ".class";
            Path classFile = webInf.resolve("classes").resolve(file);
            Files.createDirectories(classFile.getParent());
            try (InputStream in = BareJettyProxy.class.getClassLoader().getResourceAsStream(file))
            {
                Files.copy(in, classFile);
            }
        }
        Files.writeString(webInf.resolve("web.xml"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true">
              <servlet>
                <servlet-name>proxy</servlet-name>
                <servlet-class>org.eclipse.jetty.ee10.proxy.AsyncProxyServlet$Transparent</servlet-class>
                <init-param><param-name>proxyTo</param-name><param-value>http://127.0.0.1:%d</param-value></init-param>
                <load-on-startup>1</load-on-startup>
                <async-supported>true</async-supported>
              </servlet>
              <servlet>
                <servlet-name>publish</servlet-name>
                <servlet-class>%s</servlet-class>
              </servlet>
              <servlet>
                <servlet-name>stream</servlet-name>
                <servlet-class>%s</servlet-class>
                <async-supported>true</async-supported>
              </servlet>
              <servlet-mapping><servlet-name>proxy</servlet-name><url-pattern>/*</url-pattern></servlet-mapping>
              <servlet-mapping><servlet-name>publish</servlet-name><url-pattern>/publish/*</url-pattern></servlet-mapping>
              <servlet-mapping><servlet-name>stream</servlet-name><url-pattern>/stream</url-pattern></servlet-mapping>
            </web-app>
            """.formatted(originPort, PUBLISH_SINK, STREAM_SINK));
    }

    @Override
    String describe()
    {
        return "Jetty's AsyncProxyServlet.Transparent, a minimal stream and publish servlet (none of Holdfast's webapp code), "
            + super.describe();
    }
}
