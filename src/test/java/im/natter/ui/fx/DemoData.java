package im.natter.ui.fx;

import static im.natter.testsupport.fakes.FakeServices.ALICE;

import im.natter.domain.model.Address;
import im.natter.domain.model.Availability;
import im.natter.domain.model.CertificateInfo;
import im.natter.domain.model.Contact;
import im.natter.domain.model.PresenceStatus;
import im.natter.domain.model.Subscription;
import im.natter.domain.model.SubscriptionRequest;
import im.natter.testsupport.fakes.FakeServices;
import java.time.Instant;
import java.util.List;

/** A believable roster and a refused certificate for UI tests and previews. */
public final class DemoData {

    private DemoData() {
    }

    public static final String FINGERPRINT = "3F:A1:9C:22:7B:E0:45:D8:11:6A:9F:C3:0E:B7:52:84:"
            + "AA:1D:6E:F0:39:C2:87:5B:4E:90:13:DF:68:A7:21:CC";

    public static CertificateInfo certificate() {
        return new CertificateInfo("CN=chat.example.org", "CN=chat.example.org",
                Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2027-01-15T00:00:00Z"), FINGERPRINT,
                List.of("The certificate is self-signed: no authority your computer trusts vouches for it."));
    }

    public static void roster(FakeServices f) {
        f.xmpp.pushRoster(ALICE, List.of(
                contact("bob@example.org", "Bob Builder", "Work"),
                contact("carol@example.org", "Carol Danvers", "Friends"),
                contact("dave@example.net", "Dave", "Friends"),
                contact("erin@example.net", null, "Work"),
                contact("frank@jabber.example", "Frank with a very long display name that needs to ellipsise"),
                contact("grace@example.org", "Grace Hopper"),
                new Contact(Address.of("heidi@example.com"), null, Subscription.NONE, true, List.of())));
        presence(f, "bob@example.org", Availability.AVAILABLE, "Working on the roof");
        presence(f, "carol@example.org", Availability.AWAY, "");
        presence(f, "dave@example.net", Availability.DO_NOT_DISTURB, "In a meeting until 3 pm, please do not call");
        presence(f, "grace@example.org", Availability.EXTENDED_AWAY, "On holiday");
        f.xmpp.requestSubscription(new SubscriptionRequest(ALICE, Address.of("zoe@example.org"), "Zoe",
                Instant.parse("2026-11-20T09:00:00Z")));
    }

    private static Contact contact(String address, String name, String... groups) {
        return new Contact(Address.of(address), name, Subscription.BOTH, false, List.of(groups));
    }

    private static void presence(FakeServices f, String address, Availability a, String message) {
        f.xmpp.presence(ALICE, Address.of(address), "phone", new PresenceStatus(a, message));
    }
}
