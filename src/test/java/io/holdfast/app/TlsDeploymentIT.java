// SPDX-License-Identifier: Apache-2.0
package io.holdfast.app;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import io.holdfast.testing.ContainerProcess;
import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.H2Client;
import io.holdfast.testing.NodeWsOverHttp2;
import io.holdfast.testing.Ports;
import io.holdfast.testing.Publisher;
import io.holdfast.testing.TestKeystore;
import io.holdfast.testing.TomcatBase;

import static io.holdfast.testing.Publisher.items;
import static io.holdfast.testing.Publisher.streamItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS and HTTP/2 as shipped, in the containers as users run them: jetty-home on our jetty-base
 * given {@code holdfast.https.port}, {@code holdfast.tls.keystore} and {@code holdfast.tls.password},
 * and Tomcat 11 with {@code src/test/resources/tomcat/server-tls.xml} (its {@code UpgradeProtocol}).
 * On each, a stream held over HTTP/2 on TLS gets a publish, and the plain port speaks h2c; on
 * jetty-home a WebSocket opens over HTTP/2 on TLS (RFC 8441), which Tomcat does not offer. On
 * jetty-home, a wrong keystore password stops the start with a line naming the setting.
 */
// Alone: whole containers start and are timed here, and beside three other test classes on two
// cores their waits ran out in CI one after another.
@Isolated
class TlsDeploymentIT
{
    @TempDir
    Path work;
    private FakeOrigin origin;
    private TestKeystore keystore;
    private ContainerProcess container;
    private int http;
    private int https;
    private int control;

    @BeforeEach
    void start() throws Exception
    {
        origin = FakeOrigin.helloAndStream("deploy-tls");
        keystore = TestKeystore.create(work);
        http = Ports.unused();
        https = Ports.unused();
        control = Ports.unused();
    }

    @AfterEach
    void stop() throws Exception
    {
        if (container != null)
            container.close();
        origin.close();
    }

    @Test
    void jettyHomeServesHttp2OverTlsAndCleartext() throws Exception
    {
        container = ContainerProcess.jettyHome("it-jetty-tls", options(keystore.password()));
        container.quoteLogOnFailure(() -> checks(true));
    }

    @Test
    void jettyHomeRefusesAWrongKeystorePassword() throws Exception
    {
        container = ContainerProcess.jettyHome("it-jetty-tls-refused", options("not-the-password"));
        container.awaitLogLine(Pattern.compile("TLS listener not started: holdfast.tls.keystore: cannot open .*keystore.p12 "
            + "as PKCS12 with holdfast.tls.password \\(wrong password"));
    }

    @Test
    void tomcat11ServesHttp2OverTls() throws Exception
    {
        container = TomcatBase.start("11.", "it-tomcat-tls", Path.of("src/test/resources/tomcat/server-tls.xml"),
            options(keystore.password()));
        container.quoteLogOnFailure(() -> checks(false));
    }

    private List<String> options(String password) throws IOException
    {
        Path routes = Files.writeString(work.resolve("routes"), "* 127.0.0.1:" + origin.port() + "\n"
            + "*,path_beg=/demo/ test\n");
        List<String> options = new ArrayList<>(List.of("-Dholdfast.http.port=" + http, "-Dholdfast.control.port=" + control,
            "-Dholdfast.routes.file=" + routes.toAbsolutePath(), "-Dholdfast.zmq.pull=", "-Dholdfast.zmq.sub=",
            "-Dholdfast.zmq.command="));
        options.addAll(List.of("-Dholdfast.https.port=" + https, "-Dholdfast.tls.keystore=" + keystore.path().toAbsolutePath(),
            "-Dholdfast.tls.password=" + password));
        return options;
    }

    /** {@code extendedConnect}: whether the container offers WebSockets over HTTP/2 (Jetty does, Tomcat does not). */
    private void checks(boolean extendedConnect) throws Exception
    {
        container.awaitStarted(http, https, control);
        H2Client tls = H2Client.tls(https, keystore);
        HttpResponse<String> hello = tls.get("/hello");
        assertEquals(HttpClient.Version.HTTP_2, hello.version(), "h2 by ALPN");
        assertEquals("hello from origin\n", hello.body());
        try (H2Client.Lines stream = tls.open("/stream"))
        {
            assertEquals(HttpClient.Version.HTTP_2, stream.response().version());
            assertEquals(200, stream.response().statusCode());
            assertEquals("opened", stream.next());
            new Publisher(control).publish(items(streamItem("deploy-tls", "pushed over h2\n")));
            assertEquals("pushed over h2", stream.next());
        }
        HttpResponse<String> http11 = H2Client.tls(https, keystore, HttpClient.Version.HTTP_1_1).get("/hello");
        assertEquals(HttpClient.Version.HTTP_1_1, http11.version(), "HTTP/1.1 for a client that offers only it");
        assertEquals("hello from origin\n", http11.body());
        H2Client cleartext = H2Client.cleartext(http);
        cleartext.get("/hello");
        HttpResponse<String> h2c = cleartext.get("/hello");
        assertEquals(HttpClient.Version.HTTP_2, h2c.version(), "h2c on the plain port");
        assertTrue(h2c.body().startsWith("hello from origin"));
        try (NodeWsOverHttp2 ws = NodeWsOverHttp2.connect("https://127.0.0.1:" + https))
        {
            // Where it is not offered, a client (a browser) opens its WebSockets over HTTP/1.1.
            assertEquals(extendedConnect, ws.offersExtendedConnect(), "extended CONNECT (RFC 8441) on the TLS listener");
            if (extendedConnect)
            {
                ws.open("tls", "/demo/ws?channel=deploy-tls-ws");
                ws.expect("open", "tls", "status", "200");
                ws.send("tls", "echo over h2 and TLS");
                ws.expect("text", "tls", "data", "echo over h2 and TLS");
            }
        }
    }
}
