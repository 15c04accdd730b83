package im.natter.ui.signin;

import im.natter.domain.model.CertificateInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;

/**
 * What the user must see to decide about one refused server certificate, and the two answers. Trust is only ever
 * given to this exact certificate (its SHA-256 fingerprint), never to "everything".
 */
public final class CertificateViewModel {

    private final CertificateInfo info;
    private final String server;
    private final Runnable onTrust;
    private final Runnable onCancel;
    private boolean answered;

    public CertificateViewModel(CertificateInfo info, String server, Runnable onTrust, Runnable onCancel) {
        this.info = info;
        this.server = server;
        this.onTrust = onTrust;
        this.onCancel = onCancel;
    }

    public String title() {
        return "Is this really " + server + "?";
    }

    public String explanation() {
        return "Natter could not confirm that the server is who it claims to be, so it stopped before sending "
                + "your password. Trust this certificate only if you know the server uses it (for example, you run "
                + "it yourself, or its admin gave you this fingerprint). Otherwise someone may be listening in.";
    }

    /** Why the certificate was refused, in words. */
    public List<String> problems() {
        return info.problems().isEmpty() ? List.of("The certificate could not be checked.") : info.problems();
    }

    public String subject() {
        return blankAsUnknown(info.subject());
    }

    public String issuer() {
        return blankAsUnknown(info.issuer());
    }

    public String validity(ZoneId zone) {
        return format(info.notBefore(), zone) + " to " + format(info.notAfter(), zone);
    }

    public String fingerprint() {
        return info.sha256Fingerprint();
    }

    /** The fingerprint in two lines of 16 pairs, so it is never broken inside a pair and is easy to compare. */
    public String fingerprintLines() {
        String[] pairs = info.sha256Fingerprint().split(":");
        if (pairs.length != 32) {
            return info.sha256Fingerprint();
        }
        return String.join(":", java.util.Arrays.copyOfRange(pairs, 0, 16)) + ":\n"
                + String.join(":", java.util.Arrays.copyOfRange(pairs, 16, 32));
    }

    public void trust() {
        if (!answered) {
            answered = true;
            onTrust.run();
        }
    }

    public void cancel() {
        if (!answered) {
            answered = true;
            onCancel.run();
        }
    }

    private static String format(Instant t, ZoneId zone) {
        if (t == null) {
            return "unknown";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withZone(zone).format(t);
    }

    private static String blankAsUnknown(String s) {
        return s == null || s.isBlank() ? "(not stated)" : s;
    }
}
