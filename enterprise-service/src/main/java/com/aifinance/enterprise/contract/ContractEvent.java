package com.aifinance.enterprise.contract;

import java.time.LocalDate;
import java.util.List;

import com.aifinance.enterprise.organisation.Organisation;

/**
 * {@code contract.signed}, {@code contract.renewed} and {@code contract.expired} on {@code aifa.enterprise}.
 * Beyond the fields of docs/contracts.md they carry what billing needs to raise the bank-transfer invoices without
 * calling back: the exact instalments (dates and amounts that add up to the term's value), payment terms and the
 * invoice address.
 */
record ContractEvent(String contractId, String organisationId, String organisationName, String tier,
                     String reference, long annualValueMinor, String currency, LocalDate startDate,
                     LocalDate endDate, LocalDate renewalDate, long requestQuotaPerMonth, Integer seats,
                     String invoiceSchedule, int paymentTermsDays, String billingEmail, String billTo,
                     long termValueMinor, List<Instalments.Instalment> instalments, String renewsContractId) {

    static ContractEvent of(Contract contract, Organisation organisation) {
        return new ContractEvent(contract.id().toString(), contract.organisationId().toString(), organisation.name(),
                organisation.tier(), contract.reference(), contract.annualValueMinor(), contract.currency(),
                contract.startDate(), contract.endDate(), contract.renewalDate(), contract.requestQuotaPerMonth(),
                contract.seats(), contract.invoiceSchedule(), contract.paymentTermsDays(), contract.billingEmail(),
                contract.billTo(), Instalments.termValueMinor(contract), Instalments.of(contract),
                contract.renewsContractId() == null ? null : contract.renewsContractId().toString());
    }
}
