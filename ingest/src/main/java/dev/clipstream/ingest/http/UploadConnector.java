package dev.clipstream.ingest.http;

import dev.clipstream.ingest.IngestSettings;
import java.nio.file.Files;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The upload API's one Jetty connector: plain HTTP/1.1, or HTTPS only when a key store is configured (then a
 * plain-HTTP request to the port fails in the TLS handshake: nothing is served without TLS). Idle timeout and
 * request header size come from the settings.
 */
final class UploadConnector {

    /** Large enough for the biggest Clip-Metadata header accepted; Jetty answers 431 above it. */
    static final int REQUEST_HEADER_BYTES = 64 * 1024;

    private UploadConnector() {
    }

    static ServerConnector create(Server server, HttpConfiguration base, IngestSettings settings) {
        HttpConfiguration http = new HttpConfiguration(base);
        http.setRequestHeaderSize(REQUEST_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setIdleTimeout(settings.connection().idleTimeout().toMillis());
        ServerConnector connector;
        if (settings.tls() == null) {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        } else {
            http.setSecureScheme("https");
            http.addCustomizer(new SecureRequestCustomizer());
            connector = new ServerConnector(server,
                    new SslConnectionFactory(sslContextFactory(settings.tls()), HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(http));
        }
        connector.setHost(settings.httpHost());
        connector.setPort(settings.httpPort());
        connector.setIdleTimeout(settings.connection().idleTimeout().toMillis());
        return connector;
    }

    private static SslContextFactory.Server sslContextFactory(IngestSettings.TlsSettings tls) {
        if (!Files.isReadable(tls.keyStore())) {
            throw new IllegalArgumentException("TLS key store " + tls.keyStore().toAbsolutePath()
                    + " is missing or unreadable (ingest.tls.keystore.file)");
        }
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStorePath(tls.keyStore().toAbsolutePath().toString());
        factory.setKeyStoreType(tls.keyStoreType());
        factory.setKeyStorePassword(tls.keyStorePassword());
        if (tls.keyPassword() != null) {
            factory.setKeyManagerPassword(tls.keyPassword());
        }
        return factory;
    }
}
