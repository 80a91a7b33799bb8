// SPDX-License-Identifier: Apache-2.0
package io.holdfast.proxy;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.testing.FakeOrigin;
import io.holdfast.testing.H2Client;
import io.holdfast.testing.HoldfastServer;
import io.holdfast.testing.TestKeystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Route {@code ssl} matching and {@code X-Forwarded-Proto} follow what the client's connection
 * really is: TLS (HTTP/2 by ALPN, or HTTP/1.1) or cleartext (HTTP/1.1, or h2c), whatever the
 * client claims in its own {@code X-Forwarded-Proto}.
 */
class TlsRoutingIT
{
    @TempDir
    Path dir;
    private FakeOrigin secureOrigin;
    private FakeOrigin plainOrigin;
    private HoldfastServer holdfast;
    private TestKeystore keystore;

    @BeforeEach
    void start() throws Exception
    {
        secureOrigin = new FakeOrigin().on("/who", 200, "secure origin\n");
        plainOrigin = new FakeOrigin().on("/who", 200, "plain origin\n");
        keystore = TestKeystore.create(dir);
        Map<String, String> settings = new HashMap<>(keystore.settings());
        settings.put("holdfast.routes", "*,ssl=yes 127.0.0.1:" + secureOrigin.port() + "\n"
            + "*,ssl=no 127.0.0.1:" + plainOrigin.port() + "\n");
        holdfast = HoldfastServer.start(settings);
    }

    @AfterEach
    void stop() throws Exception
    {
        holdfast.close();
        secureOrigin.close();
        plainOrigin.close();
    }

    @Test
    void tlsOverHttp2IsSecure() throws Exception
    {
        assertSecure(H2Client.tls(holdfast.httpsPort(), keystore), HttpClient.Version.HTTP_2);
    }

    @Test
    void tlsOverHttp11IsSecure() throws Exception
    {
        assertSecure(H2Client.tls(holdfast.httpsPort(), keystore, HttpClient.Version.HTTP_1_1), HttpClient.Version.HTTP_1_1);
    }

    @Test
    void cleartextHttp2IsNotSecure() throws Exception
    {
        H2Client client = H2Client.cleartext(holdfast.port());
        client.get("/who");
        // The first request carried the upgrade; this one is on the h2c connection itself.
        assertPlain(client, HttpClient.Version.HTTP_2);
    }

    @Test
    void cleartextHttp11IsNotSecure() throws Exception
    {
        assertPlain(H2Client.cleartext(holdfast.port(), HttpClient.Version.HTTP_1_1), HttpClient.Version.HTTP_1_1);
    }

    private void assertSecure(H2Client client, HttpClient.Version version) throws Exception
    {
        HttpResponse<String> response = client.get("/who", "X-Forwarded-Proto", "http");
        assertEquals(version, response.version());
        assertEquals("secure origin\n", response.body(), "the ssl=yes route");
        FakeOrigin.RecordedRequest request = secureOrigin.takeRequest();
        assertEquals("https", request.header("X-Forwarded-Proto"), "set for a TLS client, the client's own replaced");
        assertNull(request.header("X-Forwarded-Protocol"), "proto-only, the default");
    }

    private void assertPlain(H2Client client, HttpClient.Version version) throws Exception
    {
        plainOrigin.drainRequests();
        HttpResponse<String> response = client.get("/who", "X-Forwarded-Proto", "https");
        assertEquals(version, response.version());
        assertEquals("plain origin\n", response.body(), "the ssl=no route");
        assertNull(plainOrigin.takeRequest().header("X-Forwarded-Proto"), "a cleartext client cannot claim https");
    }
}
