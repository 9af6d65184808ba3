package com.aifinance.subscription.entitlement;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a subject (a user id or an institutional client id) may use right now.
 *
 * @param features           every feature with whether it is available (tier defaults with flags applied)
 * @param signalAssetClasses the signal asset classes the subject sees
 * @param signalDelay        ISO-8601 delay before signals reach the subject (basic: 15 minutes)
 * @param apiRequestsPerHour the gateway's hourly limit; for institutional clients their contract quota (may be null)
 * @param apiQuotaScope      what the limit is counted by: {@code subject}, {@code organisation} or {@code contract}
 * @param mfa                {@code mandatory}, {@code optional} or {@code n/a}
 */
public record Entitlement(
        String subject,
        @Schema(allowableValues = {"none", "basic", "pro", "enterprise", "institutional"}) String tier,
        String organisationId,
        Map<String, Boolean> features,
        List<String> signalAssetClasses,
        @Schema(example = "PT15M") String signalDelay,
        Long apiRequestsPerHour,
        String apiQuotaScope,
        String mfa) {
}
