package com.aifinance.billing.banktransfer;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.aifinance.billing.invoice.Invoice;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Asks queue-monitor-service to e-mail an invoice the customer must pay by transfer (template {@code invoice_issued}
 * on {@code aifa.notify}), in the transaction that issues it: an invoice that is rolled back is never announced, and
 * one issued is announced once, because only the issuing call (never the idempotent repeat that finds it) asks.
 */
@Component
class InvoiceIssuedNotifications {

    private static final Logger log = LoggerFactory.getLogger(InvoiceIssuedNotifications.class);

    private final Outbox outbox;
    private final InvoiceNotificationProperties properties;
    private final MeterRegistry meters;

    InvoiceIssuedNotifications(Outbox outbox, InvoiceNotificationProperties properties, MeterRegistry meters) {
        this.outbox = outbox;
        this.properties = properties;
        this.meters = meters;
    }

    /** Must be called inside the transaction that issued {@code invoice}, right after it was inserted. */
    void issued(Invoice invoice) {
        if (invoice.billingEmail() == null) {
            // queue-monitor sends invoice_issued only to the request's address: without one, ops send it by hand
            log.warn("Invoice {} has no billing e-mail address: it is not e-mailed, send it by hand", invoice.number());
            afterCommit(() -> meters.counter("billing_invoice_notifications", "outcome", "no_address").increment());
            return;
        }
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("userId", invoice.userId());
        recipient.put("email", invoice.billingEmail());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("invoiceNumber", invoice.number());
        params.put("amountMinor", invoice.totalMinor());
        params.put("currency", invoice.currency());
        params.put("issuedOn", LocalDate.ofInstant(invoice.issuedAt(), ZoneOffset.UTC).toString());
        params.put("dueDate", LocalDate.ofInstant(invoice.dueAt(), ZoneOffset.UTC).toString());
        params.put("invoiceUrl", properties.invoicePdfUrl(invoice.id()));
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("notificationId", notificationId(invoice.id()).toString());
        notification.put("template", "invoice_issued");
        notification.put("recipient", recipient);
        notification.put("channel", "email");
        notification.put("tier", invoice.tier());
        notification.put("params", params);
        notification.put("priority", "normal");
        outbox.publish(EventStreams.NOTIFY, "notification.requested",
                invoice.userId() != null ? invoice.userId() : invoice.organisationId(), notification);
        afterCommit(() -> meters.counter("billing_invoice_notifications", "outcome", "requested").increment());
    }

    /** One per invoice, so a consumer that deduplicates on it sees a re-sent request as the same message. */
    static UUID notificationId(UUID invoiceId) {
        return UUID.nameUUIDFromBytes(("invoice_issued:" + invoiceId).getBytes(StandardCharsets.UTF_8));
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
