package com.aifinance.enterprise.apiclient;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

final class ApiClientRequests {

    private ApiClientRequests() {
    }

    record Create(
            @Schema(example = "Risk engine (production)") @NotBlank @Size(max = 100) String name,
            @Schema(description = "from signals:read, market-data:read, accuracy:read, webhooks:manage")
            @NotEmpty @Size(max = 10) List<@NotNull @Pattern(regexp = "signals:read|market-data:read|accuracy:read|webhooks:manage", message = "must be one of signals:read, market-data:read, accuracy:read, webhooks:manage") String> scopes,
            @Schema(description = "default: the contract's monthly quota spread over 30 days")
            @Positive @Max(10_000_000_000L) Long quotaPerHour) {
    }

    record Rotate(
            @Schema(description = "how long the current secret keeps working, default 24 h, at most 168 h; 0 ends it now")
            @Min(0) @Max(168) Integer overlapHours) {
    }

    record Revoke(@Size(max = 300) String reason) {
    }

    record Authenticate(
            @NotBlank @Size(max = 100) String clientId,
            @NotBlank @Size(max = 200) String clientSecret) {
    }

    /** @param batchId the sender's id of this batch, the same on every resend: a resend is recorded once */
    record UsageReport(@NotNull UUID batchId, @NotEmpty @Size(max = 1000) List<@Valid @NotNull Usage> reports) {
    }

    record Usage(
            @NotBlank @Size(max = 100) String clientId,
            @NotNull @PositiveOrZero @Max(1_000_000_000L) Long requests,
            @NotNull Instant lastUsedAt) {
    }
}
