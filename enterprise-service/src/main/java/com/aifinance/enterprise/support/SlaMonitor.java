package com.aifinance.enterprise.support;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.audit.AuditLog;
import com.aifinance.enterprise.notification.Notifications;
import com.aifinance.enterprise.organisation.Organisation;
import com.aifinance.enterprise.organisation.Organisations;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks the SLA clocks every minute: a ticket whose first response or resolution is overdue is flagged once,
 * the desk and the account manager are alerted ({@code support_ticket}, event {@code sla_breached}, high
 * priority), and {@code enterprise_support_sla_breaches_total} counts it. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED} so several instances never alert twice.
 */
@Component
class SlaMonitor {

    private static final Logger log = LoggerFactory.getLogger(SlaMonitor.class);

    private final SupportRecords records;
    private final SupportDesk desk;
    private final Organisations organisations;
    private final Notifications notifications;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final AtomicLong inBreach = new AtomicLong();

    SlaMonitor(SupportRecords records, SupportDesk desk, Organisations organisations, Notifications notifications,
               AuditLog audit, Clock clock, PlatformTransactionManager transactionManager, MeterRegistry meters) {
        this.records = records;
        this.desk = desk;
        this.organisations = organisations;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.meters = meters;
        Gauge.builder("enterprise_support_tickets_in_breach", inBreach, AtomicLong::get)
                .description("Unresolved support tickets that have missed an SLA target").register(meters);
    }

    @Scheduled(cron = "${aifa.enterprise.support.sla-check:0 * * * * *}", zone = "UTC")
    void check() {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            for (Ticket ticket : records.firstResponseOverdue(now)) {
                records.markFirstResponseBreached(ticket.id(), now);
                alert(ticket, "first_response", ticket.firstResponseDue());
            }
            for (Ticket ticket : records.resolutionOverdue(now)) {
                records.markResolutionBreached(ticket.id(), now);
                alert(ticket, "resolution", ticket.resolutionDue());
            }
        });
        inBreach.set(records.countInBreach());
    }

    private void alert(Ticket ticket, String clockName, Instant due) {
        Organisation organisation = organisations.require(ticket.organisationId());
        Map<String, Object> params = SupportDesk.params(ticket, organisation, "sla_breached");
        params.put("slaClock", clockName);
        params.put("dueAt", due.toString());
        for (String recipient : desk.staffRecipients(desk.settings(ticket.organisationId()))) {
            notifications.email("support_ticket", recipient, null, params, Notifications.Priority.HIGH);
        }
        audit.record(Actor.system("sla-monitor"), ticket.organisationId(), "support.sla_breached",
                "#" + ticket.number(), null, Map.of("clock", clockName, "dueAt", due.toString()));
        meters.counter("enterprise_support_sla_breaches_total", "tier", ticket.tier().code(), "clock", clockName)
                .increment();
        log.warn("Support ticket #{} of {} missed its {} target ({})", ticket.number(), organisation.slug(),
                clockName, due);
    }
}
