package im.natter.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * How to sign in to one account. The password is never part of it: it lives in the OS credential store or
 * nowhere.
 *
 * @param endpoint              explicit host and port, or null to use DNS SRV
 * @param rememberPassword      whether the password is kept in the OS credential store
 * @param trustedFingerprints   SHA-256 fingerprints of certificates the user chose to trust for this account
 */
public record AccountSettings(AccountId id, String resource, ServerEndpoint endpoint, boolean rememberPassword,
        List<String> trustedFingerprints) {

    public AccountSettings {
        Objects.requireNonNull(id, "id");
        trustedFingerprints = trustedFingerprints == null ? List.of() : List.copyOf(trustedFingerprints);
    }

    public AccountSettings withTrusted(String fingerprint) {
        if (trustedFingerprints.contains(fingerprint)) {
            return this;
        }
        var all = new java.util.ArrayList<>(trustedFingerprints);
        all.add(fingerprint);
        return new AccountSettings(id, resource, endpoint, rememberPassword, all);
    }
}
