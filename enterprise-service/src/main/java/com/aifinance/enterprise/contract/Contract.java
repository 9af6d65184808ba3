package com.aifinance.enterprise.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A signed contract. The term runs from {@code startDate} to {@code endDate} inclusive and is a whole number of
 * months; {@code annualValueMinor} is the price per year in minor units of {@code currency}.
 *
 * @param renewalDate the date by which renewal must be decided (reminders lead up to it)
 * @param seats       seats the contract grants, replacing the plan's limit while it is in force (null: the plan's)
 */
public record Contract(UUID id, UUID organisationId, String reference, LocalDate startDate, LocalDate endDate,
                       LocalDate renewalDate, long annualValueMinor, String currency, long requestQuotaPerMonth,
                       Integer seats, String invoiceSchedule, int paymentTermsDays, String billingEmail,
                       String billTo, UUID renewsContractId, Instant signedAt, String signedBy, Instant expiredAt) {

    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(startDate) && !day.isAfter(endDate);
    }

    int termMonths() {
        return (int) ChronoUnit.MONTHS.between(startDate, endDate.plusDays(1));
    }
}
