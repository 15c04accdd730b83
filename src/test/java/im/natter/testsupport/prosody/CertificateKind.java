package im.natter.testsupport.prosody;

/** Which certificate the test server presents, so tests can exercise each way TLS can go wrong. */
public enum CertificateKind {
    /** Signed by the harness's test CA, valid now, names localhost and its components. The default. */
    CA_SIGNED,
    /** Signed by itself; no trust store holding only the test CA accepts it (the trust-on-first-use case). */
    SELF_SIGNED,
    /** Signed by the test CA for the right names, but its validity ended a year ago. */
    EXPIRED,
    /** Signed by the test CA and currently valid, but issued for another host name. */
    WRONG_HOST
}
