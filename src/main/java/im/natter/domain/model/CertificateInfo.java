package im.natter.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a user needs to decide about a server certificate that was not trusted.
 *
 * @param sha256Fingerprint upper-case hex pairs separated by colons
 * @param problems          why it was refused, in words for the user (self-signed, expired, other host ...)
 */
public record CertificateInfo(String subject, String issuer, Instant notBefore, Instant notAfter,
        String sha256Fingerprint, List<String> problems) {

    public CertificateInfo {
        Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
        problems = List.copyOf(problems);
    }
}
