package com.aifinance.enterprise.contract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The invoices a contract's term is billed in: one per period of its schedule (12, 3 or 1 months; a shorter last
 * period when the term is not a multiple), each worth its share of the annual value. Amounts are whole minor units
 * and add up exactly to the term's value: the last instalment takes the rounding.
 */
final class Instalments {

    private Instalments() {
    }

    /** @param amountMinor what billing invoices on {@code invoiceDate} for the period starting then */
    record Instalment(LocalDate invoiceDate, LocalDate periodEnd, long amountMinor) {
    }

    static long termValueMinor(Contract contract) {
        return share(contract.annualValueMinor(), contract.termMonths());
    }

    static List<Instalment> of(Contract contract) {
        int periodMonths = switch (contract.invoiceSchedule()) {
            case "annual" -> 12;
            case "quarterly" -> 3;
            case "monthly" -> 1;
            default -> throw new IllegalArgumentException("unknown schedule " + contract.invoiceSchedule());
        };
        long total = termValueMinor(contract);
        List<Instalment> instalments = new ArrayList<>();
        long invoiced = 0;
        int months = contract.termMonths();
        for (int offset = 0; offset < months; offset += periodMonths) {
            int length = Math.min(periodMonths, months - offset);
            LocalDate start = contract.startDate().plusMonths(offset);
            LocalDate end = contract.startDate().plusMonths(offset + length).minusDays(1);
            long amount = offset + length >= months ? total - invoiced : share(contract.annualValueMinor(), length);
            instalments.add(new Instalment(start, end, amount));
            invoiced += amount;
        }
        return instalments;
    }

    private static long share(long annualValueMinor, int months) {
        return BigDecimal.valueOf(annualValueMinor).multiply(BigDecimal.valueOf(months))
                .divide(BigDecimal.valueOf(12), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
