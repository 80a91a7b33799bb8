// SPDX-License-Identifier: Apache-2.0
package io.holdfast.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holdfast's WAR on Tomcat 11, as WarDeploymentIT deploys it and docs/operations.md tells users to:
 * the distribution from Maven Central unpacked under {@code target/containers} (the version of the
 * POM's {@code tomcat.version}), a {@code CATALINA_BASE} of its own in the work directory with the
 * distribution's conf/, the project's ready {@code server.xml} (src/test/resources/tomcat: NIO
 * connectors, {@code maxConnections} 20,000) and the WAR as {@code webapps/ROOT.war};
 * {@code catalina.sh run} (which becomes the server's JVM) pinned to one core with {@code taskset},
 * with the JVM flags jetty-base ships and the launch contract's {@code -D} options in
 * {@code CATALINA_OPTS}.
 */
final class TomcatProxy extends Proxy
{
    private static final Pattern VERSION = Pattern.compile("<tomcat\\.version>([^<]+)</tomcat\\.version>");
    private static final Pattern CLIENT_CONNECTOR = Pattern.compile("<Connector port=\"\\$\\{holdfast\\.http\\.port}\"");
    /** The accept queue of Holdfast's listener on Jetty (holdfast-connectors.xml) instead of Tomcat's 100. */
    private static final int ACCEPT_COUNT = 1024;

    private final WarSetup setup;

    TomcatProxy(WarSetup setup, int httpPort, int controlPort)
    {
        super("Tomcat", httpPort, controlPort);
        this.setup = setup;
    }

    /**
     * Why Tomcat cannot run here, or null when it can. Unpacks the distribution when an earlier
     * build has not ({@code mvn verify} does, before the integration tests; the bench profile does not).
     */
    static String unavailable(Path project)
    {
        try
        {
            Path home = home(project);
            if (Files.isRegularFile(home.resolve("bin/catalina.sh")))
                return null;
            System.out.println("unpacking Tomcat " + home.getFileName() + " from Maven Central into target/containers");
            // overWriteReleases: the marker an earlier unpack left (target/dependency-maven-plugin-markers)
            // would otherwise make the plugin skip it although the directory is gone.
            Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-ntp", "dependency:unpack",
                "-Dartifact=org.apache.tomcat:tomcat:" + version(project) + ":tar.gz",
                "-DoutputDirectory=" + project.resolve("target/containers"), "-Dmdep.overWriteReleases=true")
                .directory(project.toFile()).redirectErrorStream(true).start();
            String out = new String(mvn.getInputStream().readAllBytes());
            if (mvn.waitFor() != 0 || !Files.isRegularFile(home.resolve("bin/catalina.sh")))
                return "no " + home + " and mvn dependency:unpack failed: " + out.trim();
            return null;
        }
        catch (IOException | RuntimeException e)
        {
            return "no Tomcat: " + e.getMessage();
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The unpacked distribution of the POM's {@code tomcat.version}. */
    static Path home(Path project) throws IOException
    {
        return project.resolve("target/containers/apache-tomcat-" + version(project));
    }

    private static String version(Path project) throws IOException
    {
        Matcher m = VERSION.matcher(Files.readString(project.resolve("pom.xml")));
        if (!m.find())
            throw new IOException("no <tomcat.version> in " + project.resolve("pom.xml"));
        return m.group(1).trim();
    }

    @Override
    void start() throws Exception
    {
        Path home = home(setup.project());
        Path base = setup.work().resolve("tomcat-base");
        Dirs.delete(base);
        for (String dir : List.of("conf", "logs", "temp", "work", "webapps"))
            Files.createDirectories(base.resolve(dir));
        try (var conf = Files.list(home.resolve("conf")))
        {
            for (Path file : conf.filter(Files::isRegularFile).toList())
                Files.copy(file, base.resolve("conf").resolve(file.getFileName()));
        }
        String serverXml = Files.readString(setup.project().resolve("src/test/resources/tomcat/server.xml"));
        Matcher client = CLIENT_CONNECTOR.matcher(serverXml);
        if (!client.find())
            throw new IllegalStateException("no client connector (port ${holdfast.http.port}) in the project's server.xml");
        serverXml = serverXml.substring(0, client.end()) + " acceptCount=\"" + ACCEPT_COUNT + "\""
            + serverXml.substring(client.end());
        Files.writeString(base.resolve("conf/server.xml"), serverXml);
        Files.copy(setup.project().resolve("target/holdfast.war"), base.resolve("webapps/ROOT.war"));
        List<String> options = new ArrayList<>(setup.jvmFlags());
        options.addAll(setup.properties(http.getPort(), control.getPort()));
        Map<String, String> environment = Map.of("CATALINA_HOME", home.toString(), "CATALINA_BASE", base.toString(),
            "JAVA_HOME", System.getProperty("java.home"), "CATALINA_OPTS", String.join(" ", options), "JAVA_OPTS", "");
        launch(pinned(setup.core(), List.of("bash", home.resolve("bin/catalina.sh").toString(), "run")), base, environment,
            base.resolve("logs/catalina.out"), 120_000);
    }

    @Override
    String describe()
    {
        String home;
        try
        {
            home = home(setup.project()).getFileName().toString();
        }
        catch (IOException e)
        {
            home = "apache-tomcat";
        }
        return home + ", src/test/resources/tomcat/server.xml (NIO, maxConnections 20000) with acceptCount "
            + ACCEPT_COUNT + " on the client connector, ROOT.war, " + String.join(" ", setup.jvmFlags())
            + HoldfastProxy.clientLimitNote();
    }
}
