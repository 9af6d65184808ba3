package com.aifinance.queuemonitor.notification.provider;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The ways a notification reaches someone, and which tiers may use them. */
public enum Channel {
    EMAIL("email", false),
    SMS("sms", false),
    TELEGRAM("telegram", true),
    WHATSAPP("whatsapp", true),
    SLACK("slack", false);

    /** Real-time alerts on Telegram and WhatsApp are a Pro feature (docs/contracts.md, tiers and entitlements). */
    private static final Set<String> PREMIUM_TIERS = Set.of("pro", "enterprise");

    private final String id;
    private final boolean premium;

    Channel(String id, boolean premium) {
        this.id = id;
        this.premium = premium;
    }

    public String id() {
        return id;
    }

    public boolean premium() {
        return premium;
    }

    /** Whether a subscriber of {@code tier} (null: unknown) may be reached on this channel. */
    public boolean allowedFor(String tier) {
        return !premium || (tier != null && PREMIUM_TIERS.contains(tier.toLowerCase(Locale.ROOT)));
    }

    public static Optional<Channel> of(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(channel -> channel.id.equals(id.trim().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
