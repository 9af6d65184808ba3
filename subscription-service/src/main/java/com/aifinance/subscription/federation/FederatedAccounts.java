package com.aifinance.subscription.federation;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Accounts;
import com.aifinance.subscription.account.LoginProtection;
import com.aifinance.subscription.account.Registration;
import com.aifinance.subscription.audit.AuditLog;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a person an identity provider vouched for into an account here. The provider's identity ({@code iss},
 * {@code sub}) is remembered once linked. Otherwise the e-mail address decides, and only a verified one: an
 * unverified address is refused, and an existing account is linked only when its own address is verified — else
 * whoever signed up with someone else's address (and never proved it) would get that person's federated logins.
 * Someone new gets a verified account without a password.
 */
@Component
class FederatedAccounts {

    private final Accounts accounts;
    private final Registration registration;
    private final LoginProtection protection;
    private final SsoDomains domains;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    FederatedAccounts(Accounts accounts, Registration registration, LoginProtection protection, SsoDomains domains,
                      AuditLog audit, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.accounts = accounts;
        this.registration = registration;
        this.protection = protection;
        this.domains = domains;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @param registrationId {@code google}, {@code linkedin} or {@code org-<organisationId>}
     * @throws FederatedLoginRefused when this identity may not log in here (the reason says why)
     */
    FederatedUser signIn(OidcUser verified, String registrationId) {
        boolean organisation = registrationId.startsWith(FederationProperties.ORGANISATION_PREFIX);
        String provider = organisation ? "organisation" : registrationId;
        String issuer = String.valueOf(verified.getIdToken().getIssuer());
        String email = verified.getEmail() == null ? null : Accounts.normalise(verified.getEmail());
        if (email == null || !Registration.validEmail(email)) {
            throw new FederatedLoginRefused("no_email", provider, email, null, null);
        }
        if (!Boolean.TRUE.equals(verified.getEmailVerified())) {
            throw new FederatedLoginRefused("email_unverified", provider, email, null, null);
        }
        Optional<SsoDomains.SsoDomain> sso = domains.forEmail(email);
        if (organisation) {
            // an organisation's provider speaks only for its own verified domain, never for other people's addresses
            UUID organisationId = UUID.fromString(registrationId.substring(FederationProperties.ORGANISATION_PREFIX.length()));
            if (sso.filter(domain -> domain.organisationId().equals(organisationId)).isEmpty()) {
                throw new FederatedLoginRefused("domain_mismatch", provider, email, null, null);
            }
        } else if (sso.filter(SsoDomains.SsoDomain::enforced).isPresent()) {
            throw new FederatedLoginRefused("sso_required", provider, email, null, sso.get().registrationId());
        }
        Identity identity = new Identity(provider, registrationId, issuer, verified.getSubject(), email);
        Account account;
        try {
            account = transactions.execute(status -> matchOrCreate(identity));
        } catch (DuplicateKeyException concurrentFirstLogin) {
            // the same person's first login twice at once: the other one created the account or the link
            account = transactions.execute(status -> matchOrCreate(identity));
        }
        protection.recordSuccess(account, AuditLog.currentRemoteAddress());
        Account loggedIn = account;
        transactions.executeWithoutResult(status -> audit.record("user:" + loggedIn.id(), "login.federated",
                "user:" + loggedIn.id(), null, Map.of("provider", provider, "registration", registrationId,
                        "issuer", issuer)));
        return new FederatedUser(verified, account.id(), provider);
    }

    private Account matchOrCreate(Identity identity) {
        Optional<Account> linked = jdbc.sql("select user_id from federated_identities where provider = ? and subject = ?")
                .params(identity.issuer(), identity.subject()).query(UUID.class).optional().flatMap(accounts::byId);
        if (linked.isPresent()) {
            return usable(linked.get(), identity);
        }
        Optional<Account> byEmail = accounts.byEmail(identity.email());
        if (byEmail.isPresent()) {
            Account account = usable(byEmail.get(), identity);
            if (!account.emailVerified()) {
                throw new FederatedLoginRefused("account_unverified", identity.provider(), identity.email(),
                        account.id(), null);
            }
            link(account, identity);
            return account;
        }
        Account created = registration.createVerified(identity.email(), null, List.of("subscriber"));
        audit.record("user:" + created.id(), "account.created", "user:" + created.id(), null,
                Map.of("via", identity.provider(), "email", created.email()));
        link(created, identity);
        return created;
    }

    private Account usable(Account account, Identity identity) {
        if (account.lockedAt(clock.instant())) {
            throw new FederatedLoginRefused("locked", identity.provider(), identity.email(), account.id(), null);
        }
        return account;
    }

    private void link(Account account, Identity identity) {
        jdbc.sql("insert into federated_identities (provider, subject, user_id, created_at) values (?, ?, ?, ?)")
                .params(identity.issuer(), identity.subject(), account.id(), Timestamp.from(clock.instant())).update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("provider", identity.provider());
        after.put("registration", identity.registrationId());
        after.put("issuer", identity.issuer());
        after.put("subject", identity.subject());
        audit.record("user:" + account.id(), "federated_identity.linked", "user:" + account.id(), null, after);
    }

    private record Identity(String provider, String registrationId, String issuer, String subject, String email) {
    }
}
