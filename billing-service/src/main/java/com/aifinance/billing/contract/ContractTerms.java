package com.aifinance.billing.contract;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * What billing takes from {@code contract.signed} / {@code .renewed} / {@code .expired} (docs/enterprise.md): the
 * contract, whom to invoice and the exact instalments. Read strictly: an event that does not describe a billable
 * contract is refused rather than half-invoiced.
 */
record ContractTerms(String contractId, String organisationId, String organisationName, String reference,
                     String tier, String currency, long termValueMinor, LocalDate startDate, LocalDate endDate,
                     int paymentTermsDays, String billingEmail, String billTo, String renewsContractId,
                     List<Instalment> instalments) {

    /** One invoice of the contract: {@code amountMinor} invoiced on {@code invoiceDate} for the period to {@code periodEnd}. */
    record Instalment(int position, LocalDate invoiceDate, LocalDate periodEnd, long amountMinor) {
    }

    static ContractTerms from(JsonNode data) {
        String contractId = required(data, "contractId");
        String organisationId = required(data, "organisationId");
        String currency = required(data, "currency");
        if (!currency.matches("[A-Z]{3}") || !known(currency)) {
            throw new ContractEventRefused("unknown_currency", "contract " + contractId + " is in " + currency
                    + ", not an ISO 4217 currency");
        }
        String tier = optional(data, "tier");
        if (tier == null) {
            tier = "institutional";
        } else if (!tier.equals("institutional") && !tier.equals("enterprise")) {
            throw new ContractEventRefused("malformed", "contract " + contractId + " has tier " + tier);
        }
        LocalDate start = date(data, "startDate", contractId);
        LocalDate end = date(data, "endDate", contractId);
        if (end.isBefore(start)) {
            throw new ContractEventRefused("malformed", "contract " + contractId + " ends before it starts");
        }
        long termValue = positive(data, "termValueMinor", contractId);
        int termsDays = data.path("paymentTermsDays").isIntegralNumber() ? data.path("paymentTermsDays").asInt() : 30;
        if (termsDays < 0 || termsDays > 365) {
            throw new ContractEventRefused("malformed", "contract " + contractId + " has payment terms of "
                    + termsDays + " days");
        }
        String billingEmail = required(data, "billingEmail");
        List<Instalment> instalments = instalments(data.path("instalments"), contractId, start, end);
        long sum = 0;
        for (Instalment instalment : instalments) {
            sum = Math.addExact(sum, instalment.amountMinor());
        }
        if (sum != termValue) {
            throw new ContractEventRefused("amount_mismatch", "the instalments of contract " + contractId + " add up to "
                    + sum + " " + currency + " minor units, its term value is " + termValue);
        }
        return new ContractTerms(contractId, organisationId, optional(data, "organisationName"),
                optional(data, "reference"), tier, currency, termValue, start, end, termsDays, billingEmail,
                optional(data, "billTo"), optional(data, "renewsContractId"), instalments);
    }

    private static List<Instalment> instalments(JsonNode node, String contractId, LocalDate start, LocalDate end) {
        if (!node.isArray() || node.isEmpty()) {
            throw new ContractEventRefused("malformed", "contract " + contractId + " has no instalments");
        }
        List<Instalment> read = new ArrayList<>();
        Set<LocalDate> dates = new HashSet<>();
        for (JsonNode item : node) {
            LocalDate invoiceDate = date(item, "invoiceDate", contractId);
            LocalDate periodEnd = date(item, "periodEnd", contractId);
            long amount = positive(item, "amountMinor", contractId);
            if (invoiceDate.isBefore(start) || periodEnd.isAfter(end) || periodEnd.isBefore(invoiceDate)) {
                throw new ContractEventRefused("malformed", "an instalment of contract " + contractId + " ("
                        + invoiceDate + " to " + periodEnd + ") lies outside its term " + start + " to " + end);
            }
            if (!dates.add(invoiceDate)) {
                throw new ContractEventRefused("malformed", "contract " + contractId + " has two instalments on "
                        + invoiceDate);
            }
            read.add(new Instalment(0, invoiceDate, periodEnd, amount));
        }
        read.sort(Comparator.comparing(Instalment::invoiceDate));
        List<Instalment> numbered = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            Instalment instalment = read.get(i);
            numbered.add(new Instalment(i + 1, instalment.invoiceDate(), instalment.periodEnd(), instalment.amountMinor()));
        }
        return List.copyOf(numbered);
    }

    private static long positive(JsonNode data, String field, String contractId) {
        JsonNode value = data.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() <= 0) {
            throw new ContractEventRefused("non_positive_amount", "contract " + contractId + ": " + field + " is "
                    + (value.isMissingNode() ? "missing" : value.toString()) + ", not a positive whole number of minor units");
        }
        return value.asLong();
    }

    private static LocalDate date(JsonNode data, String field, String contractId) {
        String text = required(data, field);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ContractEventRefused("malformed", "contract " + contractId + ": " + field + " is not a date: "
                    + text);
        }
    }

    private static String required(JsonNode data, String field) {
        String value = optional(data, field);
        if (value == null) {
            throw new ContractEventRefused("malformed", "the event lacks " + field);
        }
        return value;
    }

    private static String optional(JsonNode data, String field) {
        JsonNode node = data.path(field);
        return node.isString() && !node.asString().isBlank() ? node.asString().strip() : null;
    }

    private static boolean known(String currency) {
        try {
            Currency.getInstance(currency);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
