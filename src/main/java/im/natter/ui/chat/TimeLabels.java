package im.natter.ui.chat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How times and days read in the chat and the conversation list. "Today" is always passed in, so the labels are
 * the same in tests on any day.
 */
public final class TimeLabels {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private TimeLabels() {
    }

    /** The time of day of a message, e.g. "14:05". */
    public static String clock(Instant time, ZoneId zone) {
        return CLOCK.format(time.atZone(zone));
    }

    /** The separator above the first message of {@code day}: Today, Yesterday, a weekday within a week, or a date. */
    public static String day(LocalDate day, LocalDate today, Locale locale) {
        long daysAgo = ChronoUnit.DAYS.between(day, today);
        if (daysAgo == 0) {
            return "Today";
        }
        if (daysAgo == 1) {
            return "Yesterday";
        }
        if (daysAgo > 1 && daysAgo < 7) {
            return day.getDayOfWeek().getDisplayName(TextStyle.FULL, locale);
        }
        String pattern = day.getYear() == today.getYear() ? "EEEE, d MMMM" : "d MMMM yyyy";
        return DateTimeFormatter.ofPattern(pattern, locale).format(day);
    }

    /** The conversation list's short time: HH:mm today, a short weekday within a week, else a short date. */
    public static String listTime(Instant time, ZoneId zone, LocalDate today, Locale locale) {
        var at = time.atZone(zone);
        long daysAgo = ChronoUnit.DAYS.between(at.toLocalDate(), today);
        if (daysAgo <= 0) {
            return CLOCK.format(at);
        }
        if (daysAgo < 7) {
            return at.getDayOfWeek().getDisplayName(TextStyle.SHORT, locale);
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(locale).format(at);
    }

    /** A full date and time for a tooltip, e.g. "Tuesday, 3 March 2026, 14:05". */
    public static String full(Instant time, ZoneId zone, Locale locale) {
        return DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy, HH:mm", locale).format(time.atZone(zone));
    }
}
