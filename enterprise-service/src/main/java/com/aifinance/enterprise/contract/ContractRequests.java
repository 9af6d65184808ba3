package com.aifinance.enterprise.contract;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

final class ContractRequests {

    private ContractRequests() {
    }

    record Sign(
            @Schema(example = "INST-2027-0042") @NotNull @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,39}", message = "upper-case letters, digits and dashes, 3-40 long") String reference,
            @NotNull LocalDate startDate,
            @Schema(description = "inclusive; the term must be whole months, at most 60") @NotNull LocalDate endDate,
            @Schema(description = "default: renewal-notice-days (60) before the end") LocalDate renewalDate,
            @Schema(description = "price per year in minor units", example = "12000000") @NotNull @Positive @Max(1_000_000_000_000L) Long annualValueMinor,
            @Schema(example = "USD") @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
            @NotNull @Positive @Max(10_000_000_000L) Long requestQuotaPerMonth,
            @Schema(description = "seats granted; replaces the plan's limit while in force") @Positive @Max(100_000) Integer seats,
            @NotNull @Pattern(regexp = "annual|quarterly|monthly", message = "must be annual, quarterly or monthly") String invoiceSchedule,
            @Schema(description = "days to pay each invoice, default 30") @Min(1) @Max(120) Integer paymentTermsDays,
            @NotBlank @Email @Size(max = 320) String billingEmail,
            @Schema(description = "the invoice address") @Size(max = 500) String billTo) {
    }

    /** A renewal starts the day after the renewed contract ends; omitted terms are carried over. */
    record Renew(
            @NotNull @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,39}", message = "upper-case letters, digits and dashes, 3-40 long") String reference,
            @NotNull LocalDate endDate,
            LocalDate renewalDate,
            @Positive @Max(1_000_000_000_000L) Long annualValueMinor,
            @Positive @Max(10_000_000_000L) Long requestQuotaPerMonth,
            @Positive @Max(100_000) Integer seats,
            @Pattern(regexp = "annual|quarterly|monthly", message = "must be annual, quarterly or monthly") String invoiceSchedule,
            @Min(1) @Max(120) Integer paymentTermsDays,
            @Email @Size(max = 320) String billingEmail,
            @Size(max = 500) String billTo) {
    }
}
