package com.aifinance.institutional.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.aifinance.institutional.usage.UsageLedger;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Usage", description = "Your metered requests")
class UsageController {

    record UsageView(String caller, List<UsageLedger.HourUsage> hours) {
    }

    private final UsageLedger ledger;
    private final Entitlements entitlements;
    private final Clock clock;

    UsageController(UsageLedger ledger, Entitlements entitlements, Clock clock) {
        this.ledger = ledger;
        this.entitlements = entitlements;
        this.clock = clock;
    }

    @GetMapping("/v1/usage")
    @Operation(summary = "Your usage", description = """
            Your requests per hour over the last 7 days (written every few seconds, so the current hour may lag). \
            Institutional clients see their quotas in the X-Quota-* headers of every response.""")
    UsageView usage() {
        Access access = entitlements.require("signals:read");
        Instant from = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(7));
        return new UsageView(access.caller(), ledger.hours(access.caller(), from));
    }
}
