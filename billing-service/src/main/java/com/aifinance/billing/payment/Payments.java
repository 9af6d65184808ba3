package com.aifinance.billing.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.billing.provider.ProviderName;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Payments received; the (provider, provider payment id) key makes each count once. */
@Component
public class Payments {

    private final JdbcClient jdbc;

    Payments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when this provider payment was already recorded */
    boolean insert(Payment payment) {
        return jdbc.sql("""
                        insert into payments (id, provider, provider_payment_id, customer_id, user_id, organisation_id,
                            subscription_id, invoice_id, tier, amount_minor, currency, paid_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (provider, provider_payment_id) do nothing""")
                .params(payment.id(), payment.provider().code(), payment.providerPaymentId(), payment.customerId(),
                        payment.userId(), payment.organisationId(), payment.subscriptionId(), payment.invoiceId(),
                        payment.tier(), payment.amountMinor(), payment.currency(),
                        payment.paidAt().atOffset(ZoneOffset.UTC))
                .update() == 1;
    }

    void attachInvoice(UUID paymentId, UUID invoiceId) {
        jdbc.sql("update payments set invoice_id = ? where id = ?").params(invoiceId, paymentId).update();
    }

    public Optional<Payment> find(UUID id) {
        return jdbc.sql("select * from payments where id = ?").param(id).query(Payments::map).optional();
    }

    public Optional<Payment> findByProviderPayment(ProviderName provider, String providerPaymentId) {
        return jdbc.sql("select * from payments where provider = ? and provider_payment_id = ?")
                .params(provider.code(), providerPaymentId).query(Payments::map).optional();
    }

    /** Locks the payment for the caller's transaction (refunds reserve against it). */
    public Optional<Payment> lock(UUID id) {
        return jdbc.sql("select * from payments where id = ? for update").param(id).query(Payments::map).optional();
    }

    /** Reserves {@code amountMinor} of the payment for a refund; false when that would exceed what was paid. */
    public boolean reserveRefund(UUID id, long amountMinor) {
        return jdbc.sql("""
                        update payments set refunded_minor = refunded_minor + ?
                        where id = ? and refunded_minor + ? <= amount_minor""")
                .params(amountMinor, id, amountMinor).update() == 1;
    }

    public void releaseRefund(UUID id, long amountMinor) {
        jdbc.sql("update payments set refunded_minor = refunded_minor - ? where id = ?").params(amountMinor, id).update();
    }

    public List<Payment> forUser(String userId) {
        return jdbc.sql("select * from payments where user_id = ? order by paid_at desc").param(userId)
                .query(Payments::map).list();
    }

    private static Payment map(ResultSet rs, int row) throws SQLException {
        return new Payment(rs.getObject("id", UUID.class), ProviderName.fromCode(rs.getString("provider")),
                rs.getString("provider_payment_id"), rs.getObject("customer_id", UUID.class), rs.getString("user_id"),
                rs.getString("organisation_id"), rs.getObject("subscription_id", UUID.class),
                rs.getObject("invoice_id", UUID.class), rs.getString("tier"), rs.getLong("amount_minor"),
                rs.getLong("refunded_minor"), rs.getString("currency"), rs.getTimestamp("paid_at").toInstant());
    }
}
