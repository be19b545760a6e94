package dev.clipstream.fleet.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS trust for uploads to an https ingest whose certificate is not signed by a CA the JVM already trusts. */
public final class TrustStores {

    private TrustStores() {
    }

    /**
     * An SSL context trusting the certificates in a trust store (PKCS12 or JKS): its trusted-certificate entries
     * and, for a key store, the certificate of each key entry (the JDK's rule).
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or the password is wrong
     */
    public static SSLContext sslContext(Path trustStore, char[] password, String type) {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot use trust store " + trustStore.toAbsolutePath() + " (type "
                    + type + "): " + e.getMessage(), e);
        }
    }
}
