package com.aifinance.enterprise.contract;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.access.OrgRole;
import com.aifinance.enterprise.audit.AuditLog;
import com.aifinance.enterprise.notification.Notifications;
import com.aifinance.enterprise.organisation.Member;
import com.aifinance.enterprise.organisation.Members;
import com.aifinance.enterprise.organisation.Organisation;
import com.aifinance.enterprise.organisation.Organisations;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily contract run: contracts that ended without a renewal expire ({@code contract.expired}), and reminders
 * go out ahead of renewal dates ({@code renewal_reminder}) and of the end of unrenewed contracts
 * ({@code contract_expiring}). Each threshold is claimed in the database before its message is recorded, in one
 * transaction, so every reminder is sent once however many instances run; after downtime only the nearest missed
 * threshold is sent.
 */
@Component
class ContractLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ContractLifecycle.class);
    private static final Actor SYSTEM = Actor.system("contract-lifecycle");

    private final Contracts contracts;
    private final Organisations organisations;
    private final Members members;
    private final Notifications notifications;
    private final ContractProperties properties;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    ContractLifecycle(Contracts contracts, Organisations organisations, Members members, Notifications notifications,
                      ContractProperties properties, AuditLog audit, Outbox outbox, Clock clock,
                      PlatformTransactionManager transactionManager, MeterRegistry meters) {
        this.contracts = contracts;
        this.organisations = organisations;
        this.members = members;
        this.notifications = notifications;
        this.properties = properties;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.meters = meters;
    }

    @Scheduled(cron = "${aifa.enterprise.contracts.schedule:0 0 6 * * *}", zone = "UTC")
    void run() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        expire(today);
        remind(today);
    }

    void expire(LocalDate today) {
        for (Contract contract : contracts.endedUnrenewed(today)) {
            transactions.executeWithoutResult(status -> {
                if (contracts.markExpired(contract.id(), clock.instant())) {
                    Organisation organisation = organisations.require(contract.organisationId());
                    outbox.publish(EventStreams.ENTERPRISE, "contract.expired", "contract-" + contract.id(),
                            ContractEvent.of(contract, organisation));
                    audit.record(SYSTEM, contract.organisationId(), "contract.expired", contract.reference(), null,
                            Map.of("endDate", contract.endDate().toString()));
                    meters.counter("enterprise_contracts_expired_total").increment();
                    log.info("Contract {} of organisation {} expired", contract.reference(), contract.organisationId());
                }
            });
        }
    }

    void remind(LocalDate today) {
        int renewalHorizon = properties.renewalReminderDays().stream().max(Integer::compare).orElse(0);
        for (Contract contract : contracts.renewalDueBetween(today, today.plusDays(renewalHorizon))) {
            if (contracts.renewalOf(contract.id()).isEmpty()) {
                remind(contract, "renewal_reminder", contract.renewalDate(), properties.renewalReminderDays(), today);
            }
        }
        int expiryHorizon = properties.expiryReminderDays().stream().max(Integer::compare).orElse(0);
        for (Contract contract : contracts.endingBetween(today, today.plusDays(expiryHorizon))) {
            if (contracts.renewalOf(contract.id()).isEmpty()) {
                remind(contract, "contract_expiring", contract.endDate(), properties.expiryReminderDays(), today);
            }
        }
    }

    private void remind(Contract contract, String template, LocalDate date, List<Integer> thresholds,
                        LocalDate today) {
        int daysLeft = (int) ChronoUnit.DAYS.between(today, date);
        List<Integer> due = thresholds.stream().filter(days -> days >= daysLeft).sorted(Comparator.naturalOrder())
                .toList();
        if (due.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            boolean nearestIsNew = contracts.claimReminder(contract.id(), template, due.getFirst(), clock.instant());
            // farther thresholds missed while we were down are claimed too, without sending stale messages
            due.stream().skip(1).forEach(days -> contracts.claimReminder(contract.id(), template, days, clock.instant()));
            if (!nearestIsNew) {
                return;
            }
            Organisation organisation = organisations.require(contract.organisationId());
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("organisationName", organisation.name());
            params.put("contractReference", contract.reference());
            params.put("endDate", contract.endDate().toString());
            params.put("renewalDate", contract.renewalDate().toString());
            params.put("daysLeft", daysLeft);
            params.put("annualValueMinor", contract.annualValueMinor());
            params.put("currency", contract.currency());
            Notifications.Priority priority = daysLeft <= 7 ? Notifications.Priority.HIGH : Notifications.Priority.NORMAL;
            for (String email : recipients(contract)) {
                notifications.email(template, email, null, params, priority);
            }
            meters.counter("enterprise_contract_reminders_total", "template", template).increment();
        });
    }

    /** The organisation's owners and billing members, the contract's billing address and our account team. */
    private Set<String> recipients(Contract contract) {
        Set<String> emails = new LinkedHashSet<>();
        for (Member member : members.withRoles(contract.organisationId(), Set.of(OrgRole.OWNER, OrgRole.BILLING))) {
            emails.add(member.email().toLowerCase(Locale.ROOT));
        }
        emails.add(contract.billingEmail().toLowerCase(Locale.ROOT));
        if (!properties.salesEmail().isBlank()) {
            emails.add(properties.salesEmail().toLowerCase(Locale.ROOT));
        }
        return emails;
    }
}
