package com.aifinance.billing.dunning;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.billing.customer.BillingCustomer;
import com.aifinance.billing.customer.BillingCustomers;
import com.aifinance.billing.provider.IdempotencyKeys;
import com.aifinance.billing.provider.PaymentProvider;
import com.aifinance.billing.provider.PaymentProviders;
import com.aifinance.billing.provider.ProviderFailure;
import com.aifinance.billing.provider.ProviderName;
import com.aifinance.billing.provider.ProviderNotConfigured;
import com.aifinance.billing.subscription.BillingSubscription;
import com.aifinance.billing.subscription.BillingSubscriptions;
import com.aifinance.billing.subscription.ChangeCause;
import com.aifinance.billing.subscription.SubscriptionStatus;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chases failed subscription payments: the first failure opens a case (subscription past due, {@code payment.failed}
 * attempt 1), each retry on the schedule charges again or asks the customer to pay, and when the last retry fails
 * the subscription is canceled ({@code finalAttempt: true}). Every step asks for a {@code payment_failed} message.
 */
@Component
public class Dunning {

    private static final Logger log = LoggerFactory.getLogger(Dunning.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final PaymentProviders providers;
    private final BillingSubscriptions subscriptions;
    private final BillingCustomers customers;
    private final DunningProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    Dunning(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, PaymentProviders providers,
            BillingSubscriptions subscriptions, BillingCustomers customers, DunningProperties properties,
            MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.providers = providers;
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Opens the case for a failed payment, inside the caller's transaction; a failure already known (the provider's
     * own retry of the same invoice, a duplicate event) changes nothing.
     *
     * @return whether a case was opened
     */
    public boolean open(FailedPayment failure) {
        UUID id = caseId(failure.provider(), failure.providerInvoiceId());
        Instant next = failure.failedAt().plus(properties.retryDelays().getFirst());
        int inserted = jdbc.sql("""
                        insert into dunning_cases (id, subscription_id, provider, provider_invoice_id, amount_minor,
                            currency, attempt, status, last_reason, next_retry_at, opened_at)
                        values (?, ?, ?, ?, ?, ?, 1, 'open', ?, ?, ?) on conflict do nothing""")
                .params(id, failure.subscription().id(), failure.provider().code(), failure.providerInvoiceId(),
                        failure.amountMinor(), failure.currency(), failure.reason(), next.atOffset(ZoneOffset.UTC),
                        failure.failedAt().atOffset(ZoneOffset.UTC))
                .update();
        if (inserted == 0) {
            return false;
        }
        subscriptions.applyStatus(failure.subscription().id(), SubscriptionStatus.PAST_DUE, failure.failedAt(), null,
                null, ChangeCause.DUNNING);
        announce(find(id).orElseThrow(), failure.subscription(), failure.reason(), next, false, null);
        meters.counter("billing_dunning_steps", "outcome", "opened").increment();
        return true;
    }

    /** A payment for the subscription arrived: open cases are closed as recovered (in the caller's transaction). */
    public boolean recover(UUID subscriptionId, Instant at) {
        int closed = jdbc.sql("""
                        update dunning_cases set status = 'recovered', closed_at = ?, next_retry_at = null
                        where subscription_id = ? and status = 'open'""")
                .params(at.atOffset(ZoneOffset.UTC), subscriptionId).update();
        if (closed > 0) {
            meters.counter("billing_dunning_steps", "outcome", "recovered").increment(closed);
        }
        return closed > 0;
    }

    public Optional<DunningCase> find(UUID id) {
        return jdbc.sql("select * from dunning_cases where id = ?").param(id).query(Dunning::map).optional();
    }

    public List<DunningCase> forSubscription(UUID subscriptionId) {
        return jdbc.sql("select * from dunning_cases where subscription_id = ? order by opened_at")
                .param(subscriptionId).query(Dunning::map).list();
    }

    public List<DunningCase> open() {
        return jdbc.sql("select * from dunning_cases where status = 'open' order by next_retry_at")
                .query(Dunning::map).list();
    }

    /** Runs every retry due at {@code now}; returns how many steps were taken. */
    public int runDue(Instant now) {
        int steps = 0;
        Optional<DunningCase> due;
        while ((due = claimDue(now)).isPresent()) {
            if (step(due.get(), now)) {
                steps++;
            }
        }
        return steps;
    }

    private Optional<DunningCase> claimDue(Instant now) {
        return transactions.execute(status -> {
            Optional<DunningCase> due = jdbc.sql("""
                            select * from dunning_cases where status = 'open' and next_retry_at <= ?
                            order by next_retry_at limit 1 for update skip locked""")
                    .param(now.atOffset(ZoneOffset.UTC)).query(Dunning::map).optional();
            // reserve it: another instance skips it until the lease ends (then it is retried with the same key)
            due.ifPresent(found -> jdbc.sql("update dunning_cases set next_retry_at = ? where id = ?")
                    .params(now.plus(properties.lease()).atOffset(ZoneOffset.UTC), found.id()).update());
            return due;
        });
    }

    private boolean step(DunningCase due, Instant now) {
        BillingSubscription subscription = subscriptions.find(due.subscriptionId()).orElseThrow();
        BillingCustomer customer = customers.find(subscription.customerId()).orElseThrow();
        PaymentProvider provider = providers.get(due.provider());
        int attempt = due.attempt() + 1;
        int retry = due.attempt();
        boolean finalAttempt = retry >= properties.retryDelays().size();
        PaymentProvider.RetryOutcome outcome;
        try {
            outcome = provider.retryPayment(new PaymentProvider.RetryOrder(due.id().toString(), due.providerInvoiceId(),
                    subscription.providerSubscriptionId(), customer.providerCustomerId(), subscription.id().toString(),
                    due.amountMinor(), due.currency(), customers.email(subscription.userId()).orElse(null), attempt),
                    IdempotencyKeys.of("dunning-retry", due.id(), attempt));
            if (!outcome.paid() && finalAttempt && subscription.providerSubscriptionId() != null) {
                provider.cancelSubscription(subscription.providerSubscriptionId(), false,
                        IdempotencyKeys.of("dunning-cancel", due.id()));
            }
        } catch (ProviderNotConfigured | ProviderFailure e) {
            if (e instanceof ProviderFailure failure && failure.definitive()) {
                outcome = PaymentProvider.RetryOutcome.failed(failure.code() != null ? failure.code() : failure.getMessage());
            } else {
                // the lease runs out and the same step is retried with the same idempotency keys
                log.warn("Dunning retry of case {} could not reach {}: {}", due.id(), due.provider().code(), e.getMessage());
                meters.counter("billing_dunning_steps", "outcome", "provider_unavailable").increment();
                return false;
            }
        }
        PaymentProvider.RetryOutcome result = outcome;
        return Boolean.TRUE.equals(transactions.execute(status -> record(due.id(), subscription, attempt, finalAttempt,
                result, now)));
    }

    private boolean record(UUID caseId, BillingSubscription subscription, int attempt, boolean finalAttempt,
                           PaymentProvider.RetryOutcome outcome, Instant now) {
        DunningCase current = jdbc.sql("select * from dunning_cases where id = ? for update").param(caseId)
                .query(Dunning::map).single();
        if (!"open".equals(current.status()) || current.attempt() >= attempt) {
            return false; // a payment arrived meanwhile, or another instance recorded this step
        }
        if (outcome.paid()) {
            jdbc.sql("""
                            update dunning_cases set status = 'recovered', attempt = ?, closed_at = ?, next_retry_at = null
                            where id = ?""")
                    .params(attempt, now.atOffset(ZoneOffset.UTC), caseId).update();
            subscriptions.applyStatus(subscription.id(), SubscriptionStatus.ACTIVE, now, null, null, ChangeCause.DUNNING);
            meters.counter("billing_dunning_steps", "outcome", "recovered").increment();
            return true;
        }
        Instant next = finalAttempt ? null : now.plus(properties.retryDelays().get(attempt - 1));
        jdbc.sql("""
                        update dunning_cases set attempt = ?, status = ?, last_reason = ?, next_retry_at = ?, closed_at = ?
                        where id = ?""")
                .params(attempt, finalAttempt ? "exhausted" : "open", outcome.failureReason(),
                        next == null ? null : next.atOffset(ZoneOffset.UTC),
                        finalAttempt ? now.atOffset(ZoneOffset.UTC) : null, caseId)
                .update();
        if (finalAttempt) {
            // published as billing_subscription.canceled (cause dunning), next to payment.failed with finalAttempt
            subscriptions.applyStatus(subscription.id(), SubscriptionStatus.CANCELED, now, null, null,
                    ChangeCause.DUNNING);
        }
        announce(find(caseId).orElseThrow(), subscription, outcome.failureReason(), next, finalAttempt,
                outcome.paymentUrl());
        meters.counter("billing_dunning_steps", "outcome", finalAttempt ? "canceled" : "failed").increment();
        return true;
    }

    /** {@code payment.failed} on aifa.billing and the {@code payment_failed} message on aifa.notify. */
    private void announce(DunningCase dunningCase, BillingSubscription subscription, String reason, Instant next,
                          boolean finalAttempt, String paymentUrl) {
        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("paymentId", dunningCase.id().toString());
        failed.put("provider", dunningCase.provider().code());
        failed.put("providerInvoiceId", dunningCase.providerInvoiceId());
        failed.put("userId", subscription.userId());
        failed.put("organisationId", subscription.organisationId());
        failed.put("subscriptionId", subscription.id().toString());
        failed.put("invoiceId", dunningCase.providerInvoiceId());
        failed.put("tier", subscription.tier());
        failed.put("amountMinor", dunningCase.amountMinor());
        failed.put("currency", dunningCase.currency());
        failed.put("reason", reason);
        failed.put("attempt", dunningCase.attempt());
        failed.put("nextRetryAt", next);
        failed.put("finalAttempt", finalAttempt);
        failed.put("occurredAt", clock.instant());
        outbox.publish(EventStreams.BILLING, "payment.failed", subscription.userId(), failed);

        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("userId", subscription.userId());
        recipient.put("email", customers.email(subscription.userId()).orElse(null));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("amountMinor", dunningCase.amountMinor());
        params.put("currency", dunningCase.currency());
        params.put("planCode", subscription.planCode());
        params.put("attempt", dunningCase.attempt());
        params.put("reason", reason);
        params.put("nextRetryAt", next);
        params.put("finalAttempt", finalAttempt);
        params.put("paymentUrl", paymentUrl);
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("notificationId", UUID.nameUUIDFromBytes(("dunning:" + dunningCase.id() + ":"
                + dunningCase.attempt()).getBytes(StandardCharsets.UTF_8)).toString());
        notification.put("template", "payment_failed");
        notification.put("recipient", recipient);
        notification.put("channel", null);
        notification.put("tier", subscription.tier());
        notification.put("params", params);
        notification.put("priority", "high");
        outbox.publish(EventStreams.NOTIFY, "notification.requested", subscription.userId(), notification);
    }

    static UUID caseId(ProviderName provider, String providerInvoiceId) {
        return UUID.nameUUIDFromBytes(("dunning:" + provider.code() + ":" + providerInvoiceId)
                .getBytes(StandardCharsets.UTF_8));
    }

    Duration checkInterval() {
        return properties.checkInterval();
    }

    private static DunningCase map(ResultSet rs, int row) throws SQLException {
        return new DunningCase(rs.getObject("id", UUID.class), rs.getObject("subscription_id", UUID.class),
                ProviderName.fromCode(rs.getString("provider")), rs.getString("provider_invoice_id"),
                rs.getLong("amount_minor"), rs.getString("currency"), rs.getInt("attempt"), rs.getString("status"),
                rs.getString("last_reason"), instant(rs.getTimestamp("next_retry_at")),
                instant(rs.getTimestamp("opened_at")), instant(rs.getTimestamp("closed_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
