package com.aifinance.dashboard.layout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.aifinance.dashboard.platform.Money;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Formatting for templates ({@code ${@fmt.time(x)}}): times in the user's time zone, money from minor units,
 * ratios and percentages with the precision their sample supports.
 */
@Component("fmt")
public class Formats {

    static final String ZONE_ATTRIBUTE = Formats.class.getName() + ".ZONE";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.UK);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    public String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant.atZone(zone()));
    }

    public String date(Instant instant) {
        return instant == null ? "—" : DATE.format(instant.atZone(zone()));
    }

    /** Machine-readable time for {@code <time datetime>}. */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public String money(long minor, String currency) {
        return Money.format(minor, currency);
    }

    public String money(Long minor, String currency) {
        return minor == null ? "—" : Money.format(minor, currency);
    }

    /** A ratio 0–1 as a percentage with one decimal; null stays "—" (undefined, never 0). */
    public String ratio(Double value) {
        return value == null ? "—" : BigDecimal.valueOf(value * 100).setScale(1, RoundingMode.HALF_UP) + " %";
    }

    public String ratio(BigDecimal value) {
        return value == null ? "—" : value.multiply(BigDecimal.valueOf(100)).setScale(3, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + " %";
    }

    /** A value already in percent. */
    public String percent(BigDecimal value) {
        return value == null ? "—" : value.setScale(1, RoundingMode.HALF_UP) + " %";
    }

    public String number(Double value) {
        return value == null ? "—" : BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    public String number(BigDecimal value) {
        return value == null ? "—" : value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** ISO-8601 durations as people say them: PT15M → 15 min, PT240H → 10 days. */
    public String duration(String iso) {
        if (iso == null) {
            return "—";
        }
        try {
            Duration duration = Duration.parse(iso);
            if (duration.toDays() >= 2 && duration.toHoursPart() == 0) {
                return duration.toDays() + " days";
            }
            if (duration.toHours() >= 1 && duration.toMinutesPart() == 0) {
                return duration.toHours() + " h";
            }
            return duration.toMinutes() + " min";
        } catch (RuntimeException notADuration) {
            return iso;
        }
    }

    public String duration(Duration duration) {
        return duration == null ? "—" : duration(duration.toString());
    }

    public String zoneName() {
        return zone().getId();
    }

    private static ZoneId zone() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null && attributes.getAttribute(ZONE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
                instanceof ZoneId zone) {
            return zone;
        }
        return ZoneId.of("UTC");
    }
}
