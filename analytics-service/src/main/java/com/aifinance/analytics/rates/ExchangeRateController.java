package com.aifinance.analytics.rates;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

import com.aifinance.analytics.reporting.ReportRanges;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Ops load the daily exchange rates that reports convert revenue with. */
@RestController
@RequestMapping("/api/analytics/exchange-rates")
@Tag(name = "Exchange rates", description = "Daily rates (US dollars per unit) used to report revenue in one currency")
@PreAuthorize("hasRole('OPS')")
class ExchangeRateController {

    private final ExchangeRates rates;
    private final Clock clock;

    ExchangeRateController(ExchangeRates rates, Clock clock) {
        this.rates = rates;
        this.clock = clock;
    }

    @PutMapping
    @Operation(summary = "Store daily exchange rates (ops)",
            description = "Upserts one rate per day and currency; USD is the base (1) and cannot be loaded.")
    Stored store(@Valid @RequestBody RateUpload upload) {
        LocalDate today = LocalDate.now(clock);
        for (int i = 0; i < upload.rates().size(); i++) {
            RateInput rate = upload.rates().get(i);
            if (rate.date().isAfter(today)) {
                throw ReportRanges.invalid("rates[" + i + "].date", "must not be in the future");
            }
            if (ExchangeRates.BASE.equals(rate.currency())) {
                throw ReportRanges.invalid("rates[" + i + "].currency", "USD is the base currency (always 1)");
            }
            try {
                Currency.getInstance(rate.currency());
            } catch (IllegalArgumentException e) {
                throw ReportRanges.invalid("rates[" + i + "].currency", "is not an ISO 4217 currency");
            }
        }
        int stored = rates.store(upload.rates().stream()
                .map(rate -> new ExchangeRates.StoredRate(rate.date(), rate.currency(), rate.usdPerUnit(),
                        upload.source()))
                .toList());
        return new Stored(stored);
    }

    @GetMapping
    @Operation(summary = "List stored exchange rates (ops)")
    List<ExchangeRates.StoredRate> list(
            @Parameter(description = "ISO 4217 code; all currencies when absent") @RequestParam(required = false)
            @Pattern(regexp = "[A-Z]{3}") String currency,
            @Parameter(description = "first day, e.g. 2026-01-01") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "last day, included") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        ReportRanges.DayRange range = ReportRanges.days(from, to, clock);
        return rates.list(currency, range.from(), range.to());
    }

    /** Rates from one source (e.g. {@code ECB}, {@code RBI reference}). */
    record RateUpload(@NotBlank @Size(max = 100) String source,
                      @NotEmpty @Size(max = 5000) List<@Valid @NotNull RateInput> rates) {
    }

    record RateInput(@NotNull LocalDate date,
                     @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
                     @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 10, fraction = 10)
                     BigDecimal usdPerUnit) {
    }

    record Stored(int stored) {
    }
}
