package com.aifinance.enterprise.contract;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.audit.AuditLog;
import com.aifinance.enterprise.organisation.Organisation;
import com.aifinance.enterprise.organisation.Organisations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Platform staff record signed contracts and their renewals. Each publishes {@code contract.signed} or
 * {@code contract.renewed}, on which billing-service raises the bank-transfer invoices of the instalments.
 */
@Service
class ContractAdministration {

    static final int MAX_TERM_MONTHS = 60;

    private final Contracts contracts;
    private final Organisations organisations;
    private final ContractProperties properties;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;

    ContractAdministration(Contracts contracts, Organisations organisations, ContractProperties properties,
                           AuditLog audit, Outbox outbox, Clock clock) {
        this.contracts = contracts;
        this.organisations = organisations;
        this.properties = properties;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    Contract sign(Actor actor, UUID organisationId, ContractRequests.Sign request) {
        Organisation organisation = organisations.lock(organisationId);
        Contract contract = new Contract(UUID.randomUUID(), organisationId, request.reference(), request.startDate(),
                request.endDate(), renewalDate(request.startDate(), request.endDate(), request.renewalDate()),
                request.annualValueMinor(), currency(request.currency()), request.requestQuotaPerMonth(),
                request.seats(), request.invoiceSchedule(),
                request.paymentTermsDays() == null ? 30 : request.paymentTermsDays(), request.billingEmail(),
                request.billTo(), null, clock.instant(), actor.subject(), null);
        check(contract);
        contracts.insert(contract);
        outbox.publish(EventStreams.ENTERPRISE, "contract.signed", "contract-" + contract.id(),
                ContractEvent.of(contract, organisation));
        audit.record(actor, organisationId, "contract.signed", contract.reference(), null, contract);
        return contract;
    }

    @Transactional
    Contract renew(Actor actor, UUID organisationId, UUID contractId, ContractRequests.Renew request) {
        Organisation organisation = organisations.lock(organisationId);
        Contract current = contracts.find(contractId).filter(found -> found.organisationId().equals(organisationId))
                .orElseThrow(() -> ApiProblem.notFound("Contract " + contractId));
        if (contracts.renewalOf(contractId).isPresent()) {
            throw ApiProblem.conflict("Contract " + current.reference() + " has already been renewed.");
        }
        if (current.expiredAt() != null) {
            throw ApiProblem.conflict("Contract " + current.reference() + " has expired; sign a new contract.");
        }
        LocalDate start = current.endDate().plusDays(1);
        Contract renewal = new Contract(UUID.randomUUID(), organisationId, request.reference(), start,
                request.endDate(), renewalDate(start, request.endDate(), request.renewalDate()),
                or(request.annualValueMinor(), current.annualValueMinor()), current.currency(),
                or(request.requestQuotaPerMonth(), current.requestQuotaPerMonth()),
                request.seats() != null ? request.seats() : current.seats(),
                or(request.invoiceSchedule(), current.invoiceSchedule()),
                or(request.paymentTermsDays(), current.paymentTermsDays()),
                or(request.billingEmail(), current.billingEmail()), or(request.billTo(), current.billTo()),
                current.id(), clock.instant(), actor.subject(), null);
        check(renewal);
        contracts.insert(renewal);
        outbox.publish(EventStreams.ENTERPRISE, "contract.renewed", "contract-" + renewal.id(),
                ContractEvent.of(renewal, organisation));
        audit.record(actor, organisationId, "contract.renewed", renewal.reference(), current, renewal);
        return renewal;
    }

    private void check(Contract contract) {
        if (!contract.startDate().isBefore(contract.endDate())) {
            throw ApiProblem.invalid("endDate must be after startDate");
        }
        int months = (int) ChronoUnit.MONTHS.between(contract.startDate(), contract.endDate().plusDays(1));
        if (!contract.startDate().plusMonths(months).equals(contract.endDate().plusDays(1))) {
            throw ApiProblem.invalid("the term must be whole months: endDate should be the day before "
                    + contract.startDate().plusMonths(Math.max(1, months)) + " or another monthly anniversary");
        }
        if (months > MAX_TERM_MONTHS) {
            throw ApiProblem.invalid("the term may be at most " + MAX_TERM_MONTHS + " months");
        }
        if (contract.renewalDate().isBefore(contract.startDate()) || contract.renewalDate().isAfter(contract.endDate())) {
            throw ApiProblem.invalid("renewalDate must lie within the term");
        }
        if (contracts.referenceTaken(contract.reference())) {
            throw ApiProblem.conflict("The reference " + contract.reference() + " is already used.");
        }
        if (contracts.overlapsAnother(contract.organisationId(), contract.startDate(), contract.endDate())) {
            throw ApiProblem.conflict("The organisation already has a contract during " + contract.startDate()
                    + " to " + contract.endDate() + "; renew it instead.");
        }
    }

    private LocalDate renewalDate(LocalDate start, LocalDate end, LocalDate requested) {
        if (requested != null) {
            return requested;
        }
        LocalDate byNotice = end.minusDays(properties.renewalNoticeDays());
        return byNotice.isBefore(start) ? start : byNotice;
    }

    private static String currency(String code) {
        boolean known = Currency.getAvailableCurrencies().stream().anyMatch(c -> c.getCurrencyCode().equals(code));
        if (!known) {
            throw ApiProblem.invalid("currency " + code + " is not an ISO 4217 currency");
        }
        return code;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
