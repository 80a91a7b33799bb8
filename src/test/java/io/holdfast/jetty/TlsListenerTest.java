// SPDX-License-Identifier: Apache-2.0
package io.holdfast.jetty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.testing.TestKeystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TLS listener is added only when its port is set, and a keystore it cannot use is named in one message. */
class TlsListenerTest
{
    @TempDir
    Path dir;

    @Test
    void noPortNoListener()
    {
        Server server = new Server();
        assertNull(TlsListener.addTo(server, new HttpConfiguration(), "127.0.0.1", "", "", "", 30000, "auto"));
        assertNull(TlsListener.addTo(server, new HttpConfiguration(), "127.0.0.1", null, null, null, 30000, "auto"));
        assertEquals(0, server.getConnectors().length);
    }

    @Test
    void aPortAndAKeystoreAddAnH2AndHttp11Listener() throws Exception
    {
        TestKeystore keystore = TestKeystore.create(dir);
        Server server = new Server();
        ServerConnector connector = TlsListener.addTo(server, new HttpConfiguration(), "127.0.0.1", "8443",
            keystore.path().toString(), keystore.password(), 30000, "auto");
        assertEquals(1, server.getConnectors().length);
        assertEquals("127.0.0.1", connector.getHost());
        assertEquals(8443, connector.getPort());
        assertEquals(List.of("ssl", "alpn", "h2", "http/1.1"), connector.getProtocols());
        assertTrue(connector.getConnectionFactory("http/1.1") instanceof HoldfastConnectionFactory, "whole chunks over TLS too");
    }

    @Test
    void aWrongPasswordIsNamed() throws Exception
    {
        TestKeystore keystore = TestKeystore.create(dir);
        String message = refusal("8443", keystore.path().toString(), "wrong");
        assertTrue(message.startsWith("holdfast.tls.keystore: cannot open " + keystore.path().toAbsolutePath()
            + " as PKCS12 with holdfast.tls.password (wrong password"), message);
    }

    @Test
    void aMissingOrForeignKeystoreIsNamed() throws Exception
    {
        assertEquals("holdfast.https.port is set but holdfast.tls.keystore is not: give a PKCS12 keystore",
            refusal("8443", "", "x"));
        Path missing = dir.resolve("missing.p12");
        assertEquals("holdfast.tls.keystore: cannot read " + missing.toAbsolutePath(), refusal("8443", missing.toString(), "x"));
        Path pem = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertTrue(refusal("8443", pem.toString(), "x").contains("not a PKCS12 file"));
        assertEquals("holdfast.https.port: 'https' is not a number", refusal("https", "", ""));
    }

    private static String refusal(String port, String keystore, String password)
    {
        return assertThrows(IllegalStateException.class, () -> TlsListener.addTo(new Server(), new HttpConfiguration(),
            "127.0.0.1", port, keystore, password, 30000, "auto")).getMessage();
    }
}
