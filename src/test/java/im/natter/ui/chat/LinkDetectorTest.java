package im.natter.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkDetectorTest {

    private static List<String> links(String text) {
        return LinkDetector.segments(text).stream().filter(TextSegment::isLink).map(TextSegment::target).toList();
    }

    @Test
    void findsTheAllowedSchemesAndKeepsAllText() {
        String text = "see https://natter.im/docs?a=1#top and http://example.org, mail mailto:bob@example.org "
                + "or join xmpp:room@conference.example.org?join.";
        assertThat(links(text)).containsExactly("https://natter.im/docs?a=1#top", "http://example.org",
                "mailto:bob@example.org", "xmpp:room@conference.example.org?join");
        assertThat(String.join("", LinkDetector.segments(text).stream().map(TextSegment::text).toList()))
                .isEqualTo(text);
    }

    @Test
    void schemesAreCaseInsensitive() {
        assertThat(links("HTTPS://Example.org/X")).containsExactly("HTTPS://Example.org/X");
    }

    @Test
    void hostileSchemesStayPlainText() {
        assertThat(links("javascript:alert(1)")).isEmpty();
        assertThat(links("file:///etc/passwd")).isEmpty();
        assertThat(links("data:text/html;base64,PHNjcmlwdD4=")).isEmpty();
        assertThat(links("ftp://example.org/ smb://host/share vbscript:msgbox")).isEmpty();
        assertThat(LinkDetector.isAllowed("javascript:alert(1)")).isFalse();
        assertThat(LinkDetector.isAllowed("file:///etc/passwd")).isFalse();
        assertThat(LinkDetector.isAllowed("https://example.org/ javascript:x")).isFalse();
        assertThat(LinkDetector.isAllowed(null)).isFalse();
    }

    @Test
    void aSchemeHiddenInsideAWordOrAnotherSchemeIsNotALink() {
        assertThat(links("javascript:https://evil.example")).containsExactly("https://evil.example");
        assertThat(links("xhttps://evil.example")).isEmpty();
        assertThat(links("evilmailto:x@y.z")).isEmpty();
        assertThat(links("https://")).isEmpty();
        assertThat(links("https:// spaced")).isEmpty();
        assertThat(links("https://-/")).isEmpty();
    }

    @Test
    void lookAlikeTextOpensWhatItShowsAndTheConfirmationRevealsForeignLetters() {
        // the text is the target: there is no markup that could show one address and open another
        assertThat(LinkDetector.segments("[https://bank.example](https://evil.example)"))
                .filteredOn(TextSegment::isLink).allSatisfy(s -> assertThat(s.target()).isEqualTo(s.text()));
        String cyrillic = "https://p\u0430ypal.com/login";
        assertThat(links(cyrillic)).containsExactly(cyrillic);
        assertThat(LinkDetector.revealed(cyrillic)).isEqualTo("https://xn--pypal-4ve.com/login");
        assertThat(LinkDetector.revealed("https://paypal.com/login")).isEqualTo("https://paypal.com/login");
    }

    @Test
    void trailingPunctuationAndUnbalancedBracketsAreNotPartOfTheLink() {
        assertThat(links("(see https://en.wikipedia.org/wiki/Foo_(bar))."))
                .containsExactly("https://en.wikipedia.org/wiki/Foo_(bar)");
        assertThat(links("\"https://example.org/\"")).containsExactly("https://example.org/");
        assertThat(links("<https://example.org/>")).containsExactly("https://example.org/");
    }

    @Test
    void invisibleFormatCharactersEndALink() {
        assertThat(links("https://example.org\u202Egpj.exe")).containsExactly("https://example.org");
    }

    @Test
    void overlongLinksStayPlain() {
        assertThat(links("https://example.org/" + "a".repeat(LinkDetector.MAX_LINK_LENGTH))).isEmpty();
    }

    @Test
    void hugeHostileBodiesAreScannedInLinearTime() {
        String[] bodies = {
            "https://".repeat(200_000),
            "https://a" + ")".repeat(1_000_000),
            "x".repeat(2_000_000),
            ("https://example.org/" + "(".repeat(100) + " ").repeat(10_000),
        };
        long start = System.nanoTime();
        for (String body : bodies) {
            var segments = LinkDetector.segments(body);
            assertThat(segments.stream().mapToInt(s -> s.text().length()).sum()).isEqualTo(body.length());
        }
        // a generous bound: quadratic behaviour would take minutes
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }
}
