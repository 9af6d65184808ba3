package com.aifinance.enterprise.support;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.aifinance.common.web.ApiProblem;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What each support tier promises: the product's table (Basic: e-mail, 24 h; Pro: priority e-mail; Enterprise:
 * dedicated account manager and phone) with the response and resolution targets the SLA clocks run against.
 */
enum SupportTier {
    BASIC(Duration.ofHours(24), Duration.ofHours(24), Duration.ofDays(5), List.of("email")),
    PRO(Duration.ofHours(8), Duration.ofHours(4), Duration.ofDays(3), List.of("priority_email")),
    ENTERPRISE(Duration.ofHours(4), Duration.ofHours(1), Duration.ofDays(1),
            List.of("priority_email", "phone", "account_manager"));

    final Duration firstResponse;
    final Duration urgentFirstResponse;
    final Duration resolution;
    final List<String> channels;

    SupportTier(Duration firstResponse, Duration urgentFirstResponse, Duration resolution, List<String> channels) {
        this.firstResponse = firstResponse;
        this.urgentFirstResponse = urgentFirstResponse;
        this.resolution = resolution;
        this.channels = channels;
    }

    @JsonValue
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    Duration firstResponseFor(String priority) {
        return "urgent".equals(priority) ? urgentFirstResponse : firstResponse;
    }

    /** Urgent tickets are resolved in half the usual time. */
    Duration resolutionFor(String priority) {
        return "urgent".equals(priority) ? resolution.dividedBy(2) : resolution;
    }

    static SupportTier of(String code) {
        for (SupportTier tier : values()) {
            if (tier.code().equals(code)) {
                return tier;
            }
        }
        throw ApiProblem.invalid("tier must be basic, pro or enterprise");
    }
}
