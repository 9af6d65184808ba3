package com.aifinance.billing.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.billing.provider.ProviderName;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Customers at the providers, and the e-mail addresses subscription-service told us about. */
@Component
public class BillingCustomers {

    private final JdbcClient jdbc;
    private final Clock clock;

    BillingCustomers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<BillingCustomer> find(UUID id) {
        return jdbc.sql("select * from billing_customers where id = ?").param(id).query(BillingCustomers::map).optional();
    }

    public Optional<BillingCustomer> findByProviderCustomer(ProviderName provider, String providerCustomerId) {
        if (providerCustomerId == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from billing_customers where provider = ? and provider_customer_id = ?")
                .params(provider.code(), providerCustomerId).query(BillingCustomers::map).optional();
    }

    public Optional<BillingCustomer> findForUser(String userId, ProviderName provider) {
        return jdbc.sql("select * from billing_customers where user_id = ? and provider = ?")
                .params(userId, provider.code()).query(BillingCustomers::map).optional();
    }

    /** The organisation's own account at {@code provider} in {@code currency} (contract invoices are addressed to it). */
    public Optional<BillingCustomer> findForOrganisation(String organisationId, ProviderName provider, String currency) {
        return jdbc.sql("""
                        select * from billing_customers
                        where user_id is null and organisation_id = ? and provider = ? and currency = ?""")
                .params(organisationId, provider.code(), currency).query(BillingCustomers::map).optional();
    }

    /**
     * The organisation's bank-transfer account in {@code currency} (reference {@code bt-org-<organisation>-<currency>}),
     * opened on first use; its e-mail follows the latest billing address given. A concurrent twin keeps the first row.
     */
    public BillingCustomer bankTransferAccountOf(String organisationId, String email, String currency) {
        ProviderName provider = ProviderName.BANK_TRANSFER;
        jdbc.sql("""
                        insert into billing_customers (id, user_id, organisation_id, email, provider, provider_customer_id,
                                                       currency, created_at)
                        values (?, null, ?, ?, ?, ?, ?, ?)
                        on conflict (organisation_id, provider, currency) where user_id is null
                        do update set email = coalesce(excluded.email, billing_customers.email)""")
                .params(UUID.randomUUID(), organisationId, email, provider.code(),
                        "bt-org-" + organisationId + "-" + currency, currency,
                        clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .update();
        return findForOrganisation(organisationId, provider, currency).orElseThrow();
    }

    public List<BillingCustomer> forUser(String userId) {
        return jdbc.sql("select * from billing_customers where user_id = ? order by created_at")
                .param(userId).query(BillingCustomers::map).list();
    }

    /** Records a customer the provider created; a concurrent twin keeps the first row, which is returned. */
    public BillingCustomer save(String userId, String organisationId, String email, ProviderName provider,
                                String providerCustomerId, String currency) {
        jdbc.sql("""
                        insert into billing_customers (id, user_id, organisation_id, email, provider, provider_customer_id,
                                                       currency, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (user_id, provider) do nothing""")
                .params(UUID.randomUUID(), userId, organisationId, email, provider.code(), providerCustomerId, currency,
                        clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .update();
        return findForUser(userId, provider).orElseThrow();
    }

    public Optional<String> email(String userId) {
        return jdbc.sql("""
                        select coalesce((select email from billing_contacts where user_id = :user),
                                        (select email from billing_customers where user_id = :user and email is not null
                                         order by created_at limit 1))""")
                .param("user", userId).query(String.class).optional();
    }

    public void rememberEmail(String userId, String email) {
        jdbc.sql("""
                        insert into billing_contacts (user_id, email, updated_at) values (?, ?, ?)
                        on conflict (user_id) do update set email = excluded.email, updated_at = excluded.updated_at""")
                .params(userId, email, clock.instant().atOffset(java.time.ZoneOffset.UTC)).update();
    }

    private static BillingCustomer map(ResultSet rs, int row) throws SQLException {
        return new BillingCustomer(rs.getObject("id", UUID.class), rs.getString("user_id"),
                rs.getString("organisation_id"), rs.getString("email"), ProviderName.fromCode(rs.getString("provider")),
                rs.getString("provider_customer_id"), rs.getString("currency"));
    }
}
