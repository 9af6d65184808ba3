package com.aifinance.subscription.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.subscription.account.Account;
import com.aifinance.subscription.account.Accounts;
import com.aifinance.subscription.account.Mfa;
import com.aifinance.subscription.account.Registration;
import com.aifinance.subscription.authserver.InstitutionalClients;
import com.aifinance.subscription.lifecycle.Action;
import com.aifinance.subscription.lifecycle.Subscription;
import com.aifinance.subscription.lifecycle.Subscriptions;
import com.aifinance.subscription.secrets.LocalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Demo data for the local platform ({@code aifa.demo.enabled=true}): a subscriber per tier, an enterprise admin, an
 * ops user and an institutional client, created idempotently, with their credentials written to
 * {@code ${AIFA_LOCAL_DIR}/data/demo-credentials.json}. A later start reuses the credentials in that file; when the
 * file is gone, passwords and the client secret are replaced by new ones. Enterprise-tier users have MFA enrolled and
 * their TOTP secret is in the file, so scripts can log in.
 */
@Component
@Order(100)
@ConditionalOnProperty(prefix = "aifa.demo", name = "enabled", havingValue = "true")
public class DemoData implements ApplicationRunner {

    static final String FILE = "demo-credentials.json";
    static final String DOMAIN = "@demo.aifinance.example";
    static final UUID ORGANISATION = UUID.nameUUIDFromBytes("aifa-demo-organisation".getBytes());
    static final String CLIENT_ID = "demo-institutional";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final Accounts accounts;
    private final Registration registration;
    private final PasswordEncoder passwords;
    private final Mfa mfa;
    private final Subscriptions subscriptions;
    private final InstitutionalClients institutionalClients;
    private final LocalData local;
    private final JsonMapper mapper;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String publicUrl;
    private final SecureRandom random = new SecureRandom();

    DemoData(Accounts accounts, Registration registration, PasswordEncoder passwords, Mfa mfa,
             Subscriptions subscriptions, InstitutionalClients institutionalClients, LocalData local, JsonMapper mapper,
             TransactionTemplate transactions, Clock clock, @Value("${aifa.security.issuer}") String publicUrl) {
        this.accounts = accounts;
        this.registration = registration;
        this.passwords = passwords;
        this.mfa = mfa;
        this.subscriptions = subscriptions;
        this.institutionalClients = institutionalClients;
        this.local = local;
        this.mapper = mapper;
        this.transactions = transactions;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    @Override
    public void run(ApplicationArguments args) {
        JsonNode previous = local.read(FILE).map(mapper::readTree).orElse(null);
        List<Map<String, Object>> users = new ArrayList<>();
        users.add(user(previous, "basic", "demo-basic", List.of("subscriber"), null, "basic-month-usd", false));
        users.add(user(previous, "pro", "demo-pro", List.of("subscriber"), null, "pro-month-usd", false));
        users.add(user(previous, "enterprise", "demo-enterprise", List.of("subscriber"), null,
                "enterprise-month-usd", true));
        users.add(user(previous, "enterprise_admin", "demo-enterprise-admin", List.of("subscriber", "org_admin"),
                ORGANISATION, "enterprise-year-usd", true));
        users.add(user(previous, "ops", "demo-ops", List.of("ops"), null, null, false));

        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("generatedAt", clock.instant().toString());
        credentials.put("loginUrl", publicUrl + "/login");
        credentials.put("tokenUrl", publicUrl + "/oauth2/token");
        credentials.put("users", users);
        credentials.put("institutionalClient", institutionalClient(previous));
        local.write(FILE, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(credentials));
        log.info("Demo users and client ready; credentials in {}", local.directory().resolve(FILE));
    }

    private Map<String, Object> user(JsonNode previous, String role, String name, List<String> roles,
                                     UUID organisation, String plan, boolean withMfa) {
        String email = name + DOMAIN;
        String password = previousUser(previous, email).map(node -> node.path("password").asString()).orElse(null);
        Optional<Account> existing = accounts.byEmail(email);
        Account account;
        if (existing.isEmpty()) {
            password = newSecret();
            account = registration.createVerified(email, passwords.encode(password), roles);
        } else {
            account = existing.get();
            if (password == null || account.passwordHash() == null || !passwords.matches(password, account.passwordHash())) {
                password = newSecret();
                String hash = passwords.encode(password);
                transactions.executeWithoutResult(status -> accounts.changePasswordHash(existing.get().id(), hash));
            }
        }
        UUID id = account.id();
        transactions.executeWithoutResult(status -> {
            accounts.changeRolesAndOrganisation(id, roles, organisation);
            accounts.clearLock(id);
        });
        if (plan != null) {
            Optional<Subscription> current = subscriptions.currentOf(id).filter(s -> s.state().live());
            if (current.isEmpty()) {
                Subscription trial = subscriptions.start(id, plan, "demo");
                subscriptions.apply(trial.id(), Action.ACTIVATE, null, clock.instant(), "demo", "demo data");
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("role", role);
        entry.put("email", email);
        entry.put("password", password);
        entry.put("userId", id.toString());
        entry.put("tier", plan == null ? "none" : plan.substring(0, plan.indexOf('-')));
        entry.put("roles", roles);
        if (organisation != null) {
            entry.put("organisationId", organisation.toString());
        }
        if (withMfa) {
            entry.put("totpSecret", mfa.secretOfEnrolled(id).orElseGet(() -> mfa.enrollDirectly(id)));
        }
        return entry;
    }

    private Map<String, Object> institutionalClient(JsonNode previous) {
        List<String> scopes = List.of("signals:read", "market-data:read", "accuracy:read", "webhooks:manage");
        String remembered = previous == null ? null
                : previous.path("institutionalClient").path("clientSecret").asString(null);
        String secret = remembered;
        boolean registered = Boolean.TRUE.equals(
                transactions.execute(status -> institutionalClients.accepts(CLIENT_ID, remembered)));
        if (!registered) {
            secret = newSecret();
            String hash = new BCryptPasswordEncoder().encode(secret);
            Instant now = clock.instant();
            transactions.executeWithoutResult(status -> institutionalClients.register(CLIENT_ID, ORGANISATION, scopes,
                    5_000L, hash, null, now, "demo"));
        }
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", CLIENT_ID);
        client.put("clientSecret", secret);
        client.put("organisationId", ORGANISATION.toString());
        client.put("scopes", scopes);
        return client;
    }

    private static Optional<JsonNode> previousUser(JsonNode previous, String email) {
        if (previous == null) {
            return Optional.empty();
        }
        for (JsonNode user : previous.path("users")) {
            if (email.equals(user.path("email").asString())) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }

    private String newSecret() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
