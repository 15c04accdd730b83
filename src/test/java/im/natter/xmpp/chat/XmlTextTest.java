package im.natter.xmpp.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XmlTextTest {

    @Test
    void keepsOrdinaryTextAndAllowedWhitespaceUntouched() {
        String text = "Hallo\twelt\nzweite Zeile\r\nשלום \u202Eevil\u202C 😀 \uFFFD";
        assertThat(XmlText.sanitise(text)).isSameAs(text);
    }

    @Test
    void replacesControlCharactersXmlForbids() {
        assertThat(XmlText.sanitise("a\u0000b\u0007c\u000Bd\u000Ce\u001Ff")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
    }

    @Test
    void replacesLoneSurrogatesButKeepsPairs() {
        assertThat(XmlText.sanitise("x\uD83Dy")).isEqualTo("x\uFFFDy");
        assertThat(XmlText.sanitise("x\uDE00y")).isEqualTo("x\uFFFDy");
        assertThat(XmlText.sanitise("end\uD83D")).isEqualTo("end\uFFFD");
        assertThat(XmlText.sanitise("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void replacesTheTwoNonCharactersXmlForbids() {
        assertThat(XmlText.sanitise("\uFFFE\uFFFF")).isEqualTo("\uFFFD\uFFFD");
    }
}
