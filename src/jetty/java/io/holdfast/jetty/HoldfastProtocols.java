// SPDX-License-Identifier: Apache-2.0
package io.holdfast.jetty;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The protocols Holdfast's client listeners speak, built in one place for jetty-base and
 * {@code mvn jetty:run} ({@code etc/holdfast-connectors.xml}) and for the embedded server the tests
 * run: HTTP/1.1 is always {@link HoldfastConnectionFactory} (whole chunks), first so that it is
 * what a connection starts with; HTTP/2 is Jetty's, with its defaults. Its stream idle timeout (the
 * connector's) does not end a held stream that waits quietly for a publish, as it does not end a
 * held HTTP/1.1 request (Http2IT holds one past it); it ends writes to a client that stopped
 * reading. Stateless.
 */
public final class HoldfastProtocols
{
    /** ALPN's name for HTTP/1.1; Jetty looks factories up by protocol name regardless of case. */
    private static final String HTTP_1_1 = HttpVersion.HTTP_1_1.asString().toLowerCase();

    private HoldfastProtocols()
    {
    }

    /**
     * The plain client listener's: HTTP/1.1, and cleartext HTTP/2 (h2c) for a client that starts
     * with the HTTP/2 preface (prior knowledge) or asks with {@code Upgrade: h2c}. Jetty's HTTP/1.1
     * connection hands over to the h2c factory when the connector has one.
     */
    public static ConnectionFactory[] cleartext(HttpConfiguration config)
    {
        return new ConnectionFactory[]{new HoldfastConnectionFactory(config), new HTTP2CServerConnectionFactory(config)};
    }

    /**
     * The TLS listener's: TLS, then ALPN offering HTTP/2 (h2) and HTTP/1.1, which is also what a
     * client that negotiates nothing gets. Requests on it are secure ({@code isSecure()}, the
     * {@code https} scheme), which route {@code ssl} matching and {@code X-Forwarded-Proto} follow.
     */
    public static ConnectionFactory[] secure(HttpConfiguration plain, SslContextFactory.Server tls)
    {
        HttpConfiguration config = new HttpConfiguration(plain);
        config.setSecureScheme("https");
        // No check that the Host header names the certificate's host: routes decide what a host is,
        // as Pushpin does, and a proxy is often reached by names its certificate does not carry.
        config.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        // HTTP/2 forbids some TLS 1.2 ciphers: prefer the ones it allows.
        tls.setCipherComparator(HTTP2Cipher.COMPARATOR);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
        HoldfastConnectionFactory http11 = new HoldfastConnectionFactory(config);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(h2.getProtocol(), HTTP_1_1);
        alpn.setDefaultProtocol(http11.getProtocol());
        return new ConnectionFactory[]{new SslConnectionFactory(tls, alpn.getProtocol()), alpn, h2, http11};
    }
}
