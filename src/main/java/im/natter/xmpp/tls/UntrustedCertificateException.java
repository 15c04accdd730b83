package im.natter.xmpp.tls;

import im.natter.domain.model.CertificateInfo;
import java.security.cert.CertificateException;

/** The server's certificate was refused; carries what the user needs to decide whether to trust it. */
public final class UntrustedCertificateException extends CertificateException {

    private final transient CertificateInfo info;

    public UntrustedCertificateException(CertificateInfo info) {
        super("Untrusted server certificate: " + String.join(", ", info.problems()));
        this.info = info;
    }

    public CertificateInfo info() {
        return info;
    }
}
