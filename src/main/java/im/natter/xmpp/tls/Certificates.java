package im.natter.xmpp.tls;

import java.net.IDN;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Small certificate helpers: fingerprints and RFC 6125 DNS-ID matching. */
public final class Certificates {

    private static final int SAN_DNS_NAME = 2;

    private Certificates() {
    }

    /** SHA-256 of the DER encoding as upper-case hex pairs joined by ':' (the form users compare by eye). */
    public static String sha256Fingerprint(X509Certificate cert) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    /** Compares fingerprints however the user or a file wrote them: case and separators do not matter. */
    public static boolean sameFingerprint(String a, String b) {
        return a != null && b != null && normaliseFingerprint(a).equals(normaliseFingerprint(b));
    }

    private static String normaliseFingerprint(String f) {
        return f.replaceAll("[^0-9A-Fa-f]", "").toUpperCase(Locale.ROOT);
    }

    /** The DNS names the certificate was made for (subjectAltName dNSName, else the subject's CN). */
    public static List<String> serverNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(SAN_DNS_NAME).equals(san.get(0))
                            && san.get(1) instanceof String name) {
                        names.add(name);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // A broken extension means no usable names; the caller reports "another server name".
        }
        if (names.isEmpty()) {
            commonName(cert).ifPresent(names::add);
        }
        return names;
    }

    private static java.util.Optional<String> commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return java.util.Optional.of(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            // fall through: no CN
        }
        return java.util.Optional.empty();
    }

    /** Whether the certificate was made for {@code domain}; a wildcard covers exactly one left-most label. */
    public static boolean matchesHost(X509Certificate cert, String domain) {
        String host = asciiLower(domain);
        for (String name : serverNames(cert)) {
            String n = asciiLower(name);
            if (n.equals(host)) {
                return true;
            }
            if (n.startsWith("*.") && n.indexOf('*', 1) < 0) {
                int dot = host.indexOf('.');
                if (dot > 0 && host.substring(dot + 1).equals(n.substring(2)) && n.substring(2).contains(".")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String asciiLower(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // keep as written; it will simply not match
        }
        return n.toLowerCase(Locale.ROOT);
    }

    /** Self-signed: issued by itself and its signature verifies with its own key. */
    public static boolean isSelfSigned(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        try {
            cert.verify(cert.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
