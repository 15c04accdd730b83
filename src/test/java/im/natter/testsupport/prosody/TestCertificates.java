package im.natter.testsupport.prosody;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away test CA and the server certificates it (or nobody) signs. Everything lives in memory
 * and in PEM files written for Prosody; nothing here is ever trusted outside a test.
 */
public final class TestCertificates {

    /** The names the server certificate carries, so MUC and upload components verify too. */
    public static final List<String> SERVER_NAMES = List.of("localhost", "conference.localhost", "upload.localhost");
    static final String WRONG_HOST_NAME = "wrong-host.example";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    private TestCertificates(KeyPair caKeys, X509Certificate caCertificate) {
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
    }

    /** Creates a fresh CA valid from yesterday for ten years. */
    public static TestCertificates newCa() {
        KeyPair keys = newKeyPair("EC");
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=Natter Test CA " + Long.toHexString(RANDOM.nextLong()) + ",O=Natter tests");
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))),
                    name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new TestCertificates(keys, sign(builder, keys));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not create the test CA", e);
        }
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** A server certificate of the given kind with its key; the chain is the leaf, plus the CA when it signed it. */
    public ServerIdentity issue(CertificateKind kind) {
        return issue(kind, "EC");
    }

    /**
     * Like {@link #issue(CertificateKind)} with a leaf key of the given algorithm ("EC" or "RSA"): ejabberd 23.01
     * does not match an EC key to its certificate, so its harness asks for RSA.
     */
    public ServerIdentity issue(CertificateKind kind, String keyAlgorithm) {
        KeyPair keys = newKeyPair(keyAlgorithm);
        Instant now = Instant.now();
        Instant notBefore = now.minus(Duration.ofDays(1));
        Instant notAfter = now.plus(Duration.ofDays(365));
        List<String> names = SERVER_NAMES;
        switch (kind) {
            case EXPIRED -> {
                notBefore = now.minus(Duration.ofDays(730));
                notAfter = now.minus(Duration.ofDays(365));
            }
            case WRONG_HOST -> names = List.of(WRONG_HOST_NAME);
            case CA_SIGNED, SELF_SIGNED -> { }
        }
        X500Name subject = new X500Name("CN=" + names.getFirst());
        boolean selfSigned = kind == CertificateKind.SELF_SIGNED;
        X500Name issuer = selfSigned ? subject : X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            GeneralName[] sans = names.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                            | (keyAlgorithm.equals("RSA") ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement)))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            if (!selfSigned) {
                builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCertificate));
            }
            X509Certificate leaf = sign(builder, selfSigned ? keys : caKeys);
            List<X509Certificate> chain = selfSigned ? List.of(leaf) : List.of(leaf, caCertificate);
            return new ServerIdentity(keys, chain);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not issue a " + kind + " server certificate", e);
        }
    }

    /** A key store holding only the test CA, as a trusted certificate entry. */
    public KeyStore trustStore() {
        return trustStoreOf(caCertificate);
    }

    /** A trust manager that trusts only the test CA (not the JDK's default CAs). */
    public X509TrustManager trustManager() {
        return trustManagerOf(trustStore());
    }

    /** A TLS context whose only trust anchor is the test CA. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyStore trustStoreOf(X509Certificate certificate) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("natter-test-ca", certificate);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509TrustManager trustManagerOf(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X509TrustManager from " + factory.getAlgorithm());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 over the DER encoding, as uppercase hex pairs joined by ':' (how users compare fingerprints). */
    public static String sha256Fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String toPem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A server key and its certificate chain (leaf first). */
    public record ServerIdentity(KeyPair keys, List<X509Certificate> chain) {

        public X509Certificate certificate() {
            return chain.getFirst();
        }

        /** Writes {@code <name>.crt} (the chain) and {@code <name>.key} (PKCS#8) into dir, owner-only. */
        public void writePem(Path dir, String name) throws IOException {
            StringBuilder pem = new StringBuilder();
            for (X509Certificate c : chain) {
                pem.append(toPem(c));
            }
            writePrivate(dir.resolve(name + ".crt"), pem.toString());
            writePrivate(dir.resolve(name + ".key"), toPem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null)));
        }
    }

    static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    private static KeyPair newKeyPair(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("RSA")) {
                generator.initialize(2048, RANDOM);
            } else {
                generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(63, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws GeneralSecurityException {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(
                    signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA")
                    .build(signer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (OperatorCreationException | java.security.cert.CertificateException e) {
            throw new GeneralSecurityException(e);
        }
    }

}
