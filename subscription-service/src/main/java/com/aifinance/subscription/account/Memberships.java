package com.aifinance.subscription.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.aifinance.subscription.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Organisation membership as enterprise-service announces it ({@code member.added/.removed/.role_changed}): the
 * user's organisation and organisation role, which become the {@code org} and {@code roles} claims.
 */
@Component
public class Memberships {

    static final Set<String> ORGANISATION_ROLES = Set.of("org_owner", "org_admin", "org_analyst", "org_billing");
    private static final Logger log = LoggerFactory.getLogger(Memberships.class);

    private final Accounts accounts;
    private final AuditLog audit;

    Memberships(Accounts accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    /** Makes the user a member of {@code organisationId} with {@code role}; runs in the caller's transaction. */
    public void join(String userId, String email, UUID organisationId, String role, String actor) {
        String organisationRole = role == null ? "" : role.toLowerCase(Locale.ROOT);
        if (!organisationRole.startsWith("org_")) {
            organisationRole = "org_" + organisationRole;
        }
        if (!ORGANISATION_ROLES.contains(organisationRole)) {
            throw new IllegalArgumentException("unknown organisation role: " + role);
        }
        Optional<Account> found = find(userId, email);
        if (found.isEmpty()) {
            // enterprise-service adds only users who accepted an invitation while logged in here, so this is a user
            // deleted since: nothing to apply
            log.info("Ignored a membership event for a user without an account here");
            return;
        }
        Account account = found.get();
        List<String> roles = new ArrayList<>(account.roles().stream().filter(r -> !ORGANISATION_ROLES.contains(r)).toList());
        roles.add(organisationRole);
        accounts.changeRolesAndOrganisation(account.id(), roles, organisationId);
        audit.record(actor, "membership.changed", "user:" + account.id(),
                Map.of("organisationId", String.valueOf(account.organisationId()), "roles", account.roles()),
                Map.of("organisationId", organisationId.toString(), "roles", roles));
    }

    /**
     * Takes the user out of {@code organisationId}; runs in the caller's transaction.
     *
     * @return the account that left, or empty when the user was not a member of that organisation (a late or
     *         repeated event)
     */
    public Optional<UUID> leave(String userId, String email, UUID organisationId, String actor) {
        return find(userId, email).filter(account -> organisationId.equals(account.organisationId())).map(account -> {
            List<String> roles = account.roles().stream().filter(r -> !ORGANISATION_ROLES.contains(r)).toList();
            accounts.changeRolesAndOrganisation(account.id(), roles, null);
            audit.record(actor, "membership.removed", "user:" + account.id(),
                    Map.of("organisationId", organisationId.toString(), "roles", account.roles()),
                    Map.of("organisationId", "none", "roles", roles));
            return account.id();
        });
    }

    private Optional<Account> find(String userId, String email) {
        if (userId != null) {
            try {
                Optional<Account> byId = accounts.byId(UUID.fromString(userId));
                if (byId.isPresent()) {
                    return byId;
                }
            } catch (IllegalArgumentException notOurId) {
                // enterprise-service may know the user only by e-mail
            }
        }
        return email == null ? Optional.empty() : accounts.byEmail(email);
    }
}
