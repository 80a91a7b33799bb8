// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed PKCS12 keystore for 127.0.0.1 and localhost, made with the JDK's {@code keytool}
 * as docs/http2.md tells users to make one, and an {@link SSLContext} that trusts it (and nothing
 * else), so clients verify the certificate and host name as they would in production.
 */
public record TestKeystore(Path path, String password)
{
    public static final String PASSWORD = "holdfast-test";

    /** Creates {@code keystore.p12} in {@code dir}. */
    public static TestKeystore create(Path dir) throws IOException, InterruptedException
    {
        Path store = dir.resolve("keystore.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "holdfast", "-keyalg", "EC",
            "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
            "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
            .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0)
            throw new IOException("keytool failed: " + output);
        return new TestKeystore(store, PASSWORD);
    }

    /** The settings that give Holdfast a TLS listener with this keystore (the port is the caller's). */
    public Map<String, String> settings()
    {
        return Map.of("holdfast.tls.keystore", path.toString(), "holdfast.tls.password", password);
    }

    /** The {@code -D} options that do the same for a container started as users start it. */
    public List<String> options(int httpsPort)
    {
        return List.of("-Dholdfast.https.port=" + httpsPort, "-Dholdfast.tls.keystore=" + path.toAbsolutePath(),
            "-Dholdfast.tls.password=" + password);
    }

    /** A TLS context that trusts this keystore's certificate only. */
    public SSLContext trusting() throws IOException, GeneralSecurityException
    {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path))
        {
            keys.load(in, password.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("holdfast", keys.getCertificate("holdfast"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
