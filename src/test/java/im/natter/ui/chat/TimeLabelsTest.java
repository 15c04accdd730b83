package im.natter.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TimeLabelsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20); // a Friday
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void daySeparators() {
        assertThat(TimeLabels.day(TODAY, TODAY, Locale.ENGLISH)).isEqualTo("Today");
        assertThat(TimeLabels.day(TODAY.minusDays(1), TODAY, Locale.ENGLISH)).isEqualTo("Yesterday");
        assertThat(TimeLabels.day(TODAY.minusDays(2), TODAY, Locale.ENGLISH)).isEqualTo("Wednesday");
        assertThat(TimeLabels.day(TODAY.minusDays(6), TODAY, Locale.ENGLISH)).isEqualTo("Saturday");
        assertThat(TimeLabels.day(TODAY.minusDays(7), TODAY, Locale.ENGLISH)).isEqualTo("Friday, 13 November");
        assertThat(TimeLabels.day(LocalDate.of(2025, 12, 31), TODAY, Locale.ENGLISH)).isEqualTo("31 December 2025");
    }

    @Test
    void messageTimesAreInTheUsersZone() {
        assertThat(TimeLabels.clock(Instant.parse("2026-11-20T13:05:00Z"), BERLIN)).isEqualTo("14:05");
    }

    @Test
    void listTimes() {
        assertThat(TimeLabels.listTime(Instant.parse("2026-11-20T08:00:00Z"), BERLIN, TODAY, Locale.ENGLISH))
                .isEqualTo("09:00");
        assertThat(TimeLabels.listTime(Instant.parse("2026-11-18T08:00:00Z"), BERLIN, TODAY, Locale.ENGLISH))
                .isEqualTo("Wed");
        assertThat(TimeLabels.listTime(Instant.parse("2026-10-01T08:00:00Z"), BERLIN, TODAY, Locale.UK))
                .isEqualTo("01/10/2026");
    }

    @Test
    void aMessageLateInTheEveningUtcIsTomorrowInTokyo() {
        Instant late = Instant.parse("2026-11-19T20:00:00Z");
        LocalDate tokyoDay = late.atZone(ZoneId.of("Asia/Tokyo")).toLocalDate();
        assertThat(TimeLabels.day(tokyoDay, TODAY, Locale.ENGLISH)).isEqualTo("Today");
    }
}
