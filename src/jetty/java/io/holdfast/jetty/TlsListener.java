// SPDX-License-Identifier: Apache-2.0
package io.holdfast.jetty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.annotation.Name;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holdfast's TLS client listener ({@code holdfast.https.port}, {@code holdfast.tls.keystore},
 * {@code holdfast.tls.password}), speaking HTTP/2 and HTTP/1.1 ({@link HoldfastProtocols#secure}).
 * Jetty XML has no conditionals, so {@code etc/holdfast-connectors.xml} calls {@link #addTo}, which
 * adds it only when a port is set. The keystore is opened here, before Jetty starts, so that a
 * missing file or a wrong password stops the server with one line naming the setting rather than
 * deep inside the TLS handshake code. Stateless.
 */
public final class TlsListener
{
    private static final Logger LOG = LoggerFactory.getLogger(TlsListener.class);
    /** The connector's name, as the plain one is {@code client}. */
    public static final String NAME = "client-tls";

    private TlsListener()
    {
    }

    /**
     * Adds the TLS listener to {@code server} on {@code host}:{@code port}, or nothing when
     * {@code port} is empty. Called from {@code etc/holdfast-connectors.xml}; returns the connector or null.
     */
    public static ServerConnector addTo(@Name("server") Server server, @Name("config") HttpConfiguration config,
                                        @Name("host") String host, @Name("port") String port,
                                        @Name("keystore") String keystore, @Name("password") String password,
                                        @Name("idleTimeout") long idleTimeout, @Name("maxconn") String maxconn)
    {
        if (port == null || port.isBlank())
            return null;
        int number;
        try
        {
            number = Integer.parseInt(port.trim());
        }
        catch (NumberFormatException e)
        {
            throw refused("holdfast.https.port: '" + port + "' is not a number");
        }
        ServerConnector connector = connector(server, config, keystore, password);
        connector.setHost(host);
        connector.setPort(number);
        connector.setIdleTimeout(idleTimeout);
        connector.setAcceptQueueSize(1024);
        // Its own limit, as the plain listener has: one listener's flood cannot take every descriptor.
        connector.addBean(new ClientConnectionLimit(maxconn, connector));
        server.addConnector(connector);
        LOG.info("TLS listener {}:{} (h2, http/1.1) with keystore {}", host, number, keystore);
        return connector;
    }

    /** An unbound TLS connector of {@code server} serving the PKCS12 {@code keystore}; the caller sets host and port. */
    public static ServerConnector connector(Server server, HttpConfiguration config, String keystore, String password)
    {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        Path store = check(keystore, password);
        tls.setKeyStorePath(store.toAbsolutePath().toString());
        tls.setKeyStoreType("PKCS12");
        tls.setKeyStorePassword(password);
        ServerConnector connector = new ServerConnector(server, HoldfastProtocols.secure(config, tls));
        connector.setName(NAME);
        return connector;
    }

    // Opens the keystore as the TLS code will, to say what is wrong in the settings' own words.
    private static Path check(String keystore, String password)
    {
        if (keystore == null || keystore.isBlank())
            throw refused("holdfast.https.port is set but holdfast.tls.keystore is not: give a PKCS12 keystore");
        Path store = Path.of(keystore.trim());
        if (!Files.isReadable(store))
            throw refused("holdfast.tls.keystore: cannot read " + store.toAbsolutePath());
        try (InputStream in = Files.newInputStream(store))
        {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password == null ? null : password.toCharArray());
            boolean hasKey = false;
            for (String alias : Collections.list(keys.aliases()))
                hasKey |= keys.isKeyEntry(alias);
            if (!hasKey)
                throw refused("holdfast.tls.keystore: " + store.toAbsolutePath() + " holds no private key");
        }
        catch (IOException e)
        {
            // PKCS12 reports a wrong password as an IOException whose cause is the failed decryption.
            throw refused("holdfast.tls.keystore: cannot open " + store.toAbsolutePath()
                + " as PKCS12 with holdfast.tls.password (wrong password, or not a PKCS12 file): " + e);
        }
        catch (GeneralSecurityException e)
        {
            throw refused("holdfast.tls.keystore: cannot load " + store.toAbsolutePath() + ": " + e.getMessage());
        }
        return store;
    }

    private static IllegalStateException refused(String message)
    {
        // Logged as one line first: the exception reaches the user wrapped by Jetty's XML configuration.
        LOG.error("TLS listener not started: {}", message);
        return new IllegalStateException(message);
    }
}
