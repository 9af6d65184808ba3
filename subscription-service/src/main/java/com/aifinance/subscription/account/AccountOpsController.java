package com.aifinance.subscription.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/subscriptions/users")
@Tag(name = "Users (ops)", description = "Account state for support: lockouts and MFA")
@SecurityRequirement(name = "bearer")
@PreAuthorize("hasRole('OPS')")
class AccountOpsController {

    private final Accounts accounts;
    private final LoginProtection protection;
    private final Clock clock;

    AccountOpsController(Accounts accounts, LoginProtection protection, Clock clock) {
        this.accounts = accounts;
        this.protection = protection;
        this.clock = clock;
    }

    @GetMapping("/{id}")
    @Operation(summary = "Show a user's account state", description = "Never shows secrets or hashes.")
    UserState show(@PathVariable UUID id) {
        Account account = accounts.byId(id).orElseThrow(() -> ApiProblem.notFound("User " + id));
        return new UserState(account.id(), account.email(), account.emailVerified(), account.roles(),
                account.organisationId(), account.lockedAt(clock.instant()) ? account.lockedUntil() : null,
                account.mfaEnabled());
    }

    @PostMapping("/{id}/unlock")
    @Operation(summary = "Unlock a locked account", description = "Lifts a lockout at once and restarts the failure "
            + "count; audited with the ops user and address. 409 when the account is not locked.")
    UserState unlock(@PathVariable UUID id) {
        accounts.byId(id).orElseThrow(() -> ApiProblem.notFound("User " + id));
        String actor = Caller.current().map(caller -> "ops:" + caller.subject()).orElse("ops");
        if (!protection.unlock(id, actor)) {
            throw ApiProblem.conflict("The account is not locked.");
        }
        return show(id);
    }

    record UserState(UUID id, String email, boolean emailVerified, List<String> roles, UUID organisationId,
                     Instant lockedUntil, boolean mfaEnabled) {
    }
}
